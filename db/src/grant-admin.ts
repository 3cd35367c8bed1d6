import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { sessions, users } from './schema';

/**
 * The first admin of a production shop: someone logs in with WeChat (becoming a customer),
 * reads their user number on 我的, and the operator runs `pnpm db:grant-admin <number>`.
 * Their sessions end, as with any role change, so the next login carries the new role.
 */
export async function grantAdmin(db: Db, userId: number): Promise<{ displayName: string }> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ roles: sql`array(select distinct unnest(${users.roles} || array['admin']::text[]) order by 1)`, updatedAt: new Date() })
      .where(and(eq(users.id, userId), eq(users.status, 'active')))
      .returning({ displayName: users.displayName });
    if (!user) throw new Error(`没有编号为 ${userId} 的正常用户`);
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    return user;
  });
}
