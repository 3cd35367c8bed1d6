import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { schema, type Db, type Tx } from '@qiaodu/db';

const { addresses, cartItems, loginTickets, orders, partners, personalDataAccessLog, refunds, sessions, teams, users, wechatIdentities } = schema;

/** Orders that still need the customer (to pay, to deliver to, to hand over). */
const OPEN_ORDER_STATUSES = ['pending_payment', 'paid', 'partially_shipped', 'shipped', 'ready_for_pickup'] as const;
const OPEN_REFUND_STATUSES = ['requested', 'approved', 'failed'] as const;

export function createMeRepository(db: Db) {
  /** Read on every visit to 我的 and the console: prepared, so it is planned once per connection. */
  const findUser = db
    .select({
      id: users.id,
      displayName: users.displayName,
      avatarUrl: users.avatarUrl,
      roles: users.roles,
      status: users.status,
      phone: users.phone,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
      partnerId: partners.id,
      partnerName: partners.name,
    })
    .from(users)
    .leftJoin(partners, eq(partners.id, users.partnerId))
    .where(eq(users.id, sql.placeholder('userId')))
    .prepare('find_me_user');

  const findTeams = db
    .select({ id: teams.id, slug: teams.slug, name: teams.name })
    .from(teams)
    .where(sql`${teams.id} = any(${sql.placeholder('ids')}::int[])`)
    .orderBy(asc(teams.id))
    .prepare('find_me_teams');

  return {
    async user(userId: number) {
      const [row] = await findUser.execute({ userId });
      return row ?? null;
    },

    async teams(ids: readonly number[]) {
      if (ids.length === 0) return [];
      return findTeams.execute({ ids: [...ids] });
    },

    async setDisplayName(userId: number, displayName: string, now: Date): Promise<void> {
      await db.update(users).set({ displayName, updatedAt: now }).where(eq(users.id, userId));
    },

    wechatAccounts(userId: number) {
      return db
        .select({
          appId: wechatIdentities.appId,
          openid: wechatIdentities.openid,
          unionid: wechatIdentities.unionid,
          createdAt: wechatIdentities.createdAt,
        })
        .from(wechatIdentities)
        .where(eq(wechatIdentities.userId, userId))
        .orderBy(asc(wechatIdentities.id));
    },

    sessions(userId: number) {
      return db
        .select({
          channel: sessions.channel,
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
          revokedAt: sessions.revokedAt,
        })
        .from(sessions)
        .where(eq(sessions.userId, userId))
        .orderBy(desc(sessions.createdAt));
    },

    accessLog(userId: number) {
      return db
        .select({ at: personalDataAccessLog.createdAt, viewer: users.displayName, purpose: personalDataAccessLog.purpose })
        .from(personalDataAccessLog)
        .innerJoin(users, eq(users.id, personalDataAccessLog.viewerUserId))
        .where(eq(personalDataAccessLog.subjectUserId, userId))
        .orderBy(desc(personalDataAccessLog.createdAt));
    },

    /** Locks the user row so a deletion and a concurrent role change cannot interleave. */
    /** Whether an order or refund of the customer is still in progress (deletion waits for it). */
    async hasOpenOrders(tx: Tx, userId: number): Promise<boolean> {
      const [order] = await tx
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.customerId, userId), inArray(orders.status, [...OPEN_ORDER_STATUSES])))
        .limit(1);
      if (order) return true;
      const [refund] = await tx
        .select({ id: refunds.id })
        .from(refunds)
        .where(and(eq(refunds.customerId, userId), inArray(refunds.status, [...OPEN_REFUND_STATUSES])))
        .limit(1);
      return refund !== undefined;
    },

    ordersOf(userId: number) {
      return db
        .select({ orderNo: orders.orderNo, status: orders.status, totalFen: orders.totalFen, createdAt: orders.createdAt })
        .from(orders)
        .where(eq(orders.customerId, userId))
        .orderBy(desc(orders.createdAt));
    },

    async lockUser(tx: Tx, userId: number) {
      const [row] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, userId)).for('update');
      return row ?? null;
    },

    /**
     * Erases what identifies the person: addresses, WeChat identities, login tickets, name,
     * avatar and phone. The row itself stays (anonymous) because orders point at it and
     * accounting must keep them.
     */
    async anonymise(tx: Tx, userId: number, now: Date): Promise<void> {
      await tx.delete(addresses).where(eq(addresses.userId, userId));
      await tx.delete(wechatIdentities).where(eq(wechatIdentities.userId, userId));
      await tx.delete(loginTickets).where(eq(loginTickets.userId, userId));
      await tx.delete(cartItems).where(eq(cartItems.userId, userId));
      // The books keep the orders (amounts, items, region); who received them goes.
      await tx
        .update(orders)
        .set({ recipientName: sql`case when ${orders.recipientName} is null then null else '已注销用户' end`, recipientPhone: null, addressDetail: null, updatedAt: now })
        .where(eq(orders.customerId, userId));
      await tx
        .update(users)
        .set({
          displayName: '已注销用户',
          avatarUrl: null,
          phone: null,
          persona: null,
          status: 'deleted',
          deletedAt: now,
          updatedAt: now,
        })
        .where(and(eq(users.id, userId), isNull(users.deletedAt)));
    },
  };
}
