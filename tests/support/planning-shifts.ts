import { schema, type Db } from '@qiaodu/db';
import type { Post } from '@qiaodu/shared';
import { DEFAULT_SHIFT_RULES } from '@qiaodu/server/shifts/rules';
import { personaClient } from './auth';

/** A student of the team who can log in by persona (demo mode), for tests that need many people. */
export async function addStudent(db: Db, teamId: number, persona: string, post: Post = 'warehouse'): Promise<number> {
  const [user] = await db
    .insert(schema.users)
    .values({ displayName: `学生${persona.replace(/\D/g, '') || persona}`, roles: ['student'], persona })
    .returning({ id: schema.users.id });
  await db.insert(schema.teamMembers).values({ teamId, userId: user!.id, post });
  return user!.id;
}

/** The school's limits for this test (the rest of the rules at their defaults). */
export async function setPlanningRules(db: Db, rules: { maxWeeklyMinutes?: number; maxMonthlyMinutes?: number; minRestMinutes?: number }): Promise<void> {
  const values = {
    id: 1,
    maxWeeklyMinutes: rules.maxWeeklyMinutes ?? DEFAULT_SHIFT_RULES.maxWeeklyMinutes,
    maxMonthlyMinutes: rules.maxMonthlyMinutes ?? DEFAULT_SHIFT_RULES.maxMonthlyMinutes,
    minRestMinutes: rules.minRestMinutes ?? DEFAULT_SHIFT_RULES.minRestMinutes,
    earlyClockInMinutes: DEFAULT_SHIFT_RULES.earlyClockInMinutes,
    lateGraceMinutes: DEFAULT_SHIFT_RULES.lateGraceMinutes,
    autoCloseAfterMinutes: DEFAULT_SHIFT_RULES.autoCloseAfterMinutes,
    teacherWeight: DEFAULT_SHIFT_RULES.weights.teacher,
    mentorWeight: DEFAULT_SHIFT_RULES.weights.mentor,
  };
  await db.insert(schema.shiftSettings).values(values).onConflictDoUpdate({ target: schema.shiftSettings.id, set: values });
}

/** Persona calls under /api/console/teams/:teamId (or any path starting with /). */
export function planningClient(baseUrl: () => string) {
  const client = personaClient(baseUrl);
  return {
    ...client,
    team<T = unknown>(persona: string, method: string, teamId: number, path: string, body?: unknown) {
      return client.send<T>(persona, method, `/api/console/teams/${teamId}${path}`, body);
    },
  };
}

/** An ISO instant of a local (UTC+8) date and time, e.g. at('2026-12-01', '08:00'). */
export function at(date: string, time: string): string {
  return new Date(`${date}T${time}:00+08:00`).toISOString();
}
