import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { grantAdmin } from './grant-admin';
import { sessions, users } from './schema';
import { useTempDatabase } from './testing/temp-database';

const temp = useTempDatabase('grant');

describe('grantAdmin', () => {
  it('should add the admin role once, keep the other roles and end the user’s sessions', async () => {
    const { db } = temp.database;
    const [user] = await db.insert(users).values({ displayName: '微信用户', roles: ['customer', 'teacher'] }).returning();
    const expiresAt = new Date(Date.now() + 60_000);
    await db.insert(sessions).values({ userId: user!.id, tokenHash: 'h1', channel: 'miniprogram', expiresAt, endsAt: expiresAt });
    await grantAdmin(db, user!.id);
    await grantAdmin(db, user!.id);
    const [after] = await db.select().from(users).where(eq(users.id, user!.id));
    expect(after?.roles).toEqual(['admin', 'customer', 'teacher']);
    const [session] = await db.select().from(sessions).where(eq(sessions.userId, user!.id));
    expect(session?.revokedAt).not.toBeNull();
  });

  it('should refuse an unknown or disabled user', async () => {
    const { db } = temp.database;
    await expect(grantAdmin(db, 999_999)).rejects.toThrow('999999');
    const [disabled] = await db.insert(users).values({ displayName: '停用', status: 'disabled' }).returning();
    await expect(grantAdmin(db, disabled!.id)).rejects.toThrow();
  });
});
