import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { schema, type Db, type Tx } from '@qiaodu/db';

const { users, wechatIdentities } = schema;

/** Who WeChat says logged in, for one of our apps. */
export interface WeChatIdentity {
  appId: string;
  openid: string;
  /** Same person across our mini-program and 公众号, when both are bound to one 开放平台 account. */
  unionid: string | null;
  /** Mini-program only; kept server-side to decrypt data the mini-program sends later. */
  sessionKey: string | null;
}

export interface ResolvedUser {
  userId: number;
  created: boolean;
}

/** Another login for the same openid committed first; the attempt is rolled back and repeated. */
class LostRace extends Error {}

/** Three attempts: the second always finds the winner's row, the third is only belt and braces. */
const ATTEMPTS = 3;

async function refreshKnown(tx: Tx, who: WeChatIdentity, now: Date): Promise<number | null> {
  const [row] = await tx
    .update(wechatIdentities)
    .set({
      // WeChat keeps an openid's unionid; an answer without one (snsapi_base) must not erase it.
      unionid: sql`coalesce(${who.unionid}::text, ${wechatIdentities.unionid})`,
      ...(who.sessionKey === null ? {} : { sessionKey: who.sessionKey }),
      updatedAt: now,
    })
    .where(and(eq(wechatIdentities.appId, who.appId), eq(wechatIdentities.openid, who.openid)))
    .returning({ userId: wechatIdentities.userId });
  return row?.userId ?? null;
}

/** The user who already logged in through another of our apps with this unionid, if any. */
async function userOfUnionid(tx: Tx, unionid: string): Promise<number | null> {
  const [row] = await tx
    .select({ userId: wechatIdentities.userId })
    .from(wechatIdentities)
    .innerJoin(users, eq(users.id, wechatIdentities.userId))
    .where(and(eq(wechatIdentities.unionid, unionid), ne(users.status, 'deleted')))
    .orderBy(asc(wechatIdentities.id))
    .limit(1);
  return row?.userId ?? null;
}

export function createIdentityRepository(db: Db) {
  function attempt(who: WeChatIdentity, now: Date, newUserName: string): Promise<ResolvedUser> {
    return db.transaction(async (tx) => {
      // Two apps' first logins of one person at the same moment would each see no sibling and
      // make two users; taking turns per unionid prevents that. Released at commit.
      if (who.unionid !== null) {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`wechat-unionid:${who.unionid}`}::text, 0))`);
      }
      const known = await refreshKnown(tx, who, now);
      if (known !== null) return { userId: known, created: false };

      const sibling = who.unionid === null ? null : await userOfUnionid(tx, who.unionid);
      let userId = sibling;
      if (userId === null) {
        const [user] = await tx
          .insert(users)
          .values({ displayName: newUserName, createdAt: now, updatedAt: now })
          .returning({ id: users.id });
        if (!user) throw new Error('insert into users returned no row');
        userId = user.id;
      }

      // The unique (app_id, openid) index decides between concurrent first logins: the loser
      // waits for the winner's commit, inserts nothing, and rolls back its own new user.
      const [inserted] = await tx
        .insert(wechatIdentities)
        .values({ ...who, userId, createdAt: now, updatedAt: now })
        .onConflictDoNothing({ target: [wechatIdentities.appId, wechatIdentities.openid] })
        .returning({ userId: wechatIdentities.userId });
      if (!inserted) throw new LostRace();
      return { userId, created: sibling === null };
    });
  }

  return {
    /**
     * The user behind a WeChat identity: the one it already belongs to, else the one its
     * unionid belongs to, else a new customer named `newUserName`. Stores the latest
     * session_key and a newly learnt unionid on the way.
     */
    async findOrCreateUser(who: WeChatIdentity, now: Date, newUserName: string): Promise<ResolvedUser> {
      for (let attemptNo = 1; ; attemptNo += 1) {
        try {
          return await attempt(who, now, newUserName);
        } catch (error) {
          if (!(error instanceof LostRace) || attemptNo >= ATTEMPTS) throw error;
        }
      }
    },
  };
}
