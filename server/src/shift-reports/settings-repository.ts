import { schema, type Db, type Tx } from '@qiaodu/db';
import type { Post } from '@qiaodu/shared';
import { eq, sql } from 'drizzle-orm';

const { shiftSettings, postPayRates, users } = schema;

/** Who last saved the settings and when (null before anyone has). */
export async function findSettingsStamp(db: Db): Promise<{ updatedAt: Date; updatedByName: string | null } | null> {
  const [row] = await db
    .select({ updatedAt: shiftSettings.updatedAt, updatedByName: users.displayName })
    .from(shiftSettings)
    .leftJoin(users, eq(users.id, shiftSettings.updatedBy))
    .where(eq(shiftSettings.id, 1));
  return row ?? null;
}

export interface SettingsValues {
  maxWeeklyMinutes: number;
  maxMonthlyMinutes: number;
  minRestMinutes: number;
  earlyClockInMinutes: number;
  lateGraceMinutes: number;
  autoCloseAfterMinutes: number;
  teacherWeight: number;
  mentorWeight: number;
}

/** The single settings row (id 1), created on the first save. */
export async function upsertSettings(tx: Tx, values: SettingsValues, actorId: number, at: Date): Promise<void> {
  await tx
    .insert(shiftSettings)
    .values({ id: 1, ...values, updatedBy: actorId, updatedAt: at })
    .onConflictDoUpdate({ target: shiftSettings.id, set: { ...values, updatedBy: actorId, updatedAt: at } });
}

export async function upsertPayRates(tx: Tx, rates: readonly { post: Post; hourlyRateFen: number }[], actorId: number, at: Date): Promise<void> {
  if (rates.length === 0) return;
  await tx
    .insert(postPayRates)
    .values(rates.map((rate) => ({ ...rate, updatedBy: actorId, updatedAt: at })))
    .onConflictDoUpdate({
      target: postPayRates.post,
      set: { hourlyRateFen: sql`excluded.hourly_rate_fen`, updatedBy: actorId, updatedAt: at },
    });
}
