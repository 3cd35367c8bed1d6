import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { schema, type Db, type Tx } from '@qiaodu/db';
import type { LoginChannel, Post, Role, UserStatus } from '@qiaodu/shared';

const { loginTickets, sessions, users } = schema;

export interface SessionRow {
  sessionId: number;
  channel: LoginChannel;
  lastSeenAt: Date;
  expiresAt: Date;
  endsAt: Date;
  userId: number;
  roles: Role[];
  status: UserStatus;
  partnerId: number | null;
  memberships: [teamId: number, post: Post, isLead: boolean][];
  supervisedTeamIds: number[];
  partnerTeamIds: number[];
}

/** Both drivers decode json; a driver set up without parsers would hand back text. */
function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function createSessionRepository(db: Db) {
  /**
   * Every logged-in request runs this, so it is a prepared statement: planning its three
   * subqueries anew each time cost more than running them (0.9 ms against 0.15 ms).
   */
  const findLiveSession = db
    .select({
      sessionId: sessions.id,
      channel: sessions.channel,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      endsAt: sessions.endsAt,
      userId: users.id,
      roles: users.roles,
      status: users.status,
      partnerId: users.partnerId,
      memberships: sql`coalesce((select json_agg(json_build_array(tm.team_id, tm.post, tm.is_lead)) from team_members tm where tm.user_id = ${users.id}), '[]'::json)`,
      supervisedTeamIds: sql`coalesce((select json_agg(ts.team_id) from team_supervisors ts where ts.user_id = ${users.id}), '[]'::json)`,
      partnerTeamIds: sql`coalesce((select json_agg(tp.team_id) from team_partners tp where tp.partner_id = ${users.partnerId}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .limit(1)
    .prepare('find_live_session');

  return {
    async insertSession(
      tx: Db | Tx,
      row: {
        userId: number;
        tokenHash: string;
        channel: LoginChannel;
        now: Date;
        expiresAt: Date;
        endsAt: Date;
        parentSessionId: number | null;
      },
    ): Promise<void> {
      await tx.insert(sessions).values({
        userId: row.userId,
        tokenHash: row.tokenHash,
        channel: row.channel,
        parentSessionId: row.parentSessionId,
        createdAt: row.now,
        lastSeenAt: row.now,
        expiresAt: row.expiresAt,
        endsAt: row.endsAt,
      });
      await tx.update(users).set({ lastLoginAt: row.now }).where(eq(users.id, row.userId));
    },

    /** The live session of a token and everything the policy needs about its user, in one query. */
    async findLive(tokenHash: string, now: Date): Promise<SessionRow | null> {
      const [row] = await findLiveSession.execute({ tokenHash, now: now.toISOString() });
      if (!row) return null;
      return {
        ...row,
        memberships: fromJson(row.memberships),
        supervisedTeamIds: fromJson(row.supervisedTeamIds),
        partnerTeamIds: fromJson(row.partnerTeamIds),
      };
    },

    async extend(sessionId: number, now: Date, expiresAt: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, sessionId));
    },

    /** Ends a session and the web-view sessions opened from it. */
    async revoke(sessionId: number, now: Date): Promise<void> {
      await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(or(eq(sessions.id, sessionId), eq(sessions.parentSessionId, sessionId)), isNull(sessions.revokedAt)));
    },

    /** Role changes, disabling and deletion end every session of the user, in the caller's transaction. */
    async revokeAllOfUser(tx: Db | Tx, userId: number, now: Date): Promise<void> {
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    },

    async insertTicket(row: { userId: number; sessionId: number; ticketHash: string; now: Date; expiresAt: Date }): Promise<void> {
      // Spent and expired tickets are worthless; clearing them here keeps the table small.
      await db.delete(loginTickets).where(lt(loginTickets.expiresAt, new Date(row.now.getTime() - 3_600_000)));
      await db.insert(loginTickets).values({ ...row, createdAt: row.now });
    },

    /**
     * Marks a ticket used and returns its user and issuing session, atomically: a second
     * redemption finds nothing. A ticket whose issuing session has ended is worthless.
     */
    async consumeTicket(tx: Tx, ticketHash: string, now: Date): Promise<{ userId: number; sessionId: number; endsAt: Date } | null> {
      const [ticket] = await tx
        .update(loginTickets)
        .set({ usedAt: now })
        .where(and(eq(loginTickets.ticketHash, ticketHash), isNull(loginTickets.usedAt), gt(loginTickets.expiresAt, now)))
        .returning({ userId: loginTickets.userId, sessionId: loginTickets.sessionId });
      if (!ticket) return null;
      const [parent] = await tx
        .select({ endsAt: sessions.endsAt })
        .from(sessions)
        .where(and(eq(sessions.id, ticket.sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
      return parent ? { ...ticket, endsAt: parent.endsAt } : null;
    },

    async findUser(tx: Db | Tx, userId: number) {
      const [row] = await tx
        .select({
          id: users.id,
          displayName: users.displayName,
          avatarUrl: users.avatarUrl,
          roles: users.roles,
          status: users.status,
        })
        .from(users)
        .where(eq(users.id, userId));
      return row ?? null;
    },
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
