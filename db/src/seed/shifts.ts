import { and, eq, inArray, isNull } from 'drizzle-orm';
import { addDays, atLocal, isoWeekdayOf, localDateOf, weekStartOf, type LocalDate } from '@qiaodu/shared';
import type { Tx } from '../client';
import { scheduleWeeks, shiftAssignments, shifts, shiftTemplates, terms, users } from '../schema';
import {
  ATTENDANCE_MINUTES,
  EXTRA_OPEN_SHIFT,
  QUIET_AFTER_MINUTES,
  QUIET_BEFORE_MINUTES,
  SHIFT_PLANNERS,
  SHIFT_TEMPLATES,
  SHIFT_WORKERS,
  type PastAttendance,
  type SeedShiftWorker,
} from './shifts-data';
import { termOf } from './shifts-term';
import { requireId } from './upsert';

const MINUTE_MS = 60_000;
const PUBLISH_HOUR = 18 * 60;

type ShiftRow = typeof shifts.$inferSelect;
type PlaceRow = typeof shiftAssignments.$inferInsert;

/** The weeks around `now`: last, this and next week published (students see what is coming), the one after still a draft. */
function demoWeeks(today: LocalDate): { weekStart: LocalDate; published: boolean }[] {
  const thisWeek = weekStartOf(today);
  return [-7, 0, 7, 14].map((offset) => ({ weekStart: addDays(thisWeek, offset), published: offset < 14 }));
}

/**
 * The demo shop's shifts, relative to `now` (the seed time) in school local time: the current
 * term, each team's weekly templates, four schedule weeks generated from them, the demo students'
 * places with the attendance a real week has (on time, late, absent, a forgotten clock-out
 * waiting for review), their upcoming places, and an extra open warehouse shift tomorrow.
 *
 * Rows are matched by their natural keys (term name, template slot, team and week, template and
 * start, shift and student), so seeding again adds nothing that is there and never rewrites
 * what the shop has since changed: a week the lead edited, a retired template or a place a
 * student gave up stays as it is.
 * Seeding on a later day only adds that day's new weeks and places.
 */
export async function seedShifts(tx: Tx, teamIds: Map<string, number>, now: Date): Promise<void> {
  const today = localDateOf(now);
  const personas = [...new Set([...Object.values(SHIFT_PLANNERS), ...SHIFT_WORKERS.map((w) => w.persona)])];
  const people = await tx.select({ id: users.id, persona: users.persona }).from(users).where(inArray(users.persona, personas));
  const userIds = new Map(people.map((row) => [row.persona ?? '', row.id]));
  const plannerOf = (team: string) => requireId(userIds, SHIFT_PLANNERS[team] ?? '', 'shift planner');

  const term = termOf(today);
  await tx.insert(terms).values(term).onConflictDoNothing({ target: terms.name });

  const templateIds = await seedTemplates(tx, teamIds, plannerOf);
  const weekRows = await seedWeeks(tx, teamIds, today, now, plannerOf);
  const weekShifts = await seedWeekShifts(tx, teamIds, templateIds, weekRows, plannerOf);
  for (const worker of SHIFT_WORKERS) {
    const ids = { teamId: requireId(teamIds, worker.team, 'team'), studentId: requireId(userIds, worker.persona, 'person'), plannerId: plannerOf(worker.team) };
    await seedPlaces(tx, worker, ids, weekShifts, now);
  }
  await seedExtraOpenShift(tx, teamIds, today, plannerOf);
}

const slotKey = (team: string, post: string, weekday: number) => `${team}|${post}|${weekday}`;

async function seedTemplates(tx: Tx, teamIds: Map<string, number>, plannerOf: (team: string) => number): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const template of SHIFT_TEMPLATES) {
    const teamId = requireId(teamIds, template.team, 'team');
    for (const weekday of template.weekdays) {
      const slot = and(
        eq(shiftTemplates.teamId, teamId),
        eq(shiftTemplates.post, template.post),
        eq(shiftTemplates.weekday, weekday),
        eq(shiftTemplates.startMinute, template.start),
        eq(shiftTemplates.endMinute, template.end),
      );
      let [row] = await tx.select({ id: shiftTemplates.id, active: shiftTemplates.active }).from(shiftTemplates).where(slot).limit(1);
      if (!row) {
        [row] = await tx
          .insert(shiftTemplates)
          .values({
            teamId,
            post: template.post,
            weekday,
            startMinute: template.start,
            endMinute: template.end,
            capacity: template.capacity,
            createdBy: plannerOf(template.team),
          })
          .returning({ id: shiftTemplates.id, active: shiftTemplates.active });
      }
      // A slot the lead has retired generates nothing more, from the seed either.
      if (row!.active) ids.set(slotKey(template.team, template.post, weekday), row!.id);
    }
  }
  return ids;
}

interface WeekRow {
  id: number;
  teamId: number;
  weekStart: LocalDate;
  published: boolean;
}

async function seedWeeks(
  tx: Tx,
  teamIds: Map<string, number>,
  today: LocalDate,
  now: Date,
  plannerOf: (team: string) => number,
): Promise<WeekRow[]> {
  const teams = [...new Set(SHIFT_TEMPLATES.map((t) => t.team))];
  const weeks = demoWeeks(today);
  const values = teams.flatMap((team) =>
    weeks.map(({ weekStart, published }) => {
      // Published the Friday evening before the week, as a lead does (never after the seed time).
      const publishedAt = new Date(Math.min(atLocal(addDays(weekStart, -3), PUBLISH_HOUR).getTime(), now.getTime()));
      return {
        teamId: requireId(teamIds, team, 'team'),
        weekStart,
        status: published ? ('published' as const) : ('draft' as const),
        publishedAt: published ? publishedAt : null,
        publishedBy: published ? plannerOf(team) : null,
      };
    }),
  );
  await tx.insert(scheduleWeeks).values(values).onConflictDoNothing({ target: [scheduleWeeks.teamId, scheduleWeeks.weekStart] });
  // The weeks as they are now: one the lead already published or still drafts keeps its state.
  const rows = await tx
    .select({ id: scheduleWeeks.id, teamId: scheduleWeeks.teamId, weekStart: scheduleWeeks.weekStart, status: scheduleWeeks.status })
    .from(scheduleWeeks)
    .where(and(inArray(scheduleWeeks.teamId, values.map((v) => v.teamId)), inArray(scheduleWeeks.weekStart, weeks.map((w) => w.weekStart))));
  return rows.map((row) => ({ id: row.id, teamId: row.teamId, weekStart: row.weekStart, published: row.status === 'published' }));
}

/** Generates each week's shifts from the templates, as the lead's 生成 does: once per template and start. */
async function seedWeekShifts(
  tx: Tx,
  teamIds: Map<string, number>,
  templateIds: Map<string, number>,
  weeks: WeekRow[],
  plannerOf: (team: string) => number,
): Promise<ShiftRow[]> {
  const values = SHIFT_TEMPLATES.flatMap((template) => {
    const teamId = requireId(teamIds, template.team, 'team');
    return weeks
      .filter((week) => week.teamId === teamId)
      .flatMap((week) =>
        template.weekdays.flatMap((weekday) => {
          const templateId = templateIds.get(slotKey(template.team, template.post, weekday));
          if (templateId === undefined) return [];
          const day = addDays(week.weekStart, weekday - 1);
          return {
            teamId,
            post: template.post,
            scheduleWeekId: week.id,
            templateId,
            startsAt: atLocal(day, template.start),
            endsAt: atLocal(day, template.end),
            capacity: template.capacity,
            status: week.published ? ('published' as const) : ('draft' as const),
            openForSignup: template.open,
            createdBy: plannerOf(template.team),
          };
        }),
      );
  });
  if (values.length > 0) await tx.insert(shifts).values(values).onConflictDoNothing();
  return tx
    .select()
    .from(shifts)
    .where(inArray(shifts.scheduleWeekId, weeks.map((w) => w.id)));
}

/**
 * The worker's places on their slots in published weeks: attendance on past shifts (the
 * `recent` script, most recent first, then on time), scheduled on upcoming ones, none on shifts
 * running around the seed time. Existing places are left as they are.
 */
async function seedPlaces(
  tx: Tx,
  worker: SeedShiftWorker,
  ids: { teamId: number; studentId: number; plannerId: number },
  weekShifts: ShiftRow[],
  now: Date,
): Promise<void> {
  const { teamId, studentId, plannerId } = ids;
  const template = SHIFT_TEMPLATES.find((t) => t.team === worker.team && t.post === worker.post);
  if (!template) throw new Error(`seed: no shift template for ${worker.persona}`);
  const quietFrom = now.getTime() - QUIET_BEFORE_MINUTES * MINUTE_MS;
  const quietTo = now.getTime() + QUIET_AFTER_MINUTES * MINUTE_MS;
  const theirs = weekShifts
    .filter((shift) => shift.teamId === teamId && shift.post === worker.post && shift.status === 'published')
    .filter((shift) => worker.weekdays.includes(isoWeekdayOf(localDateOf(shift.startsAt))))
    .filter((shift) => shift.endsAt.getTime() <= quietFrom || shift.startsAt.getTime() >= quietTo)
    .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  const past = theirs.filter((shift) => shift.endsAt.getTime() <= now.getTime());
  const upcoming = theirs.filter((shift) => shift.startsAt.getTime() >= now.getTime());
  const base = {
    studentId,
    source: template.open ? ('signup' as const) : ('assigned' as const),
    assignedBy: template.open ? null : plannerId,
  };
  const rows: PlaceRow[] = [
    ...past.map((shift, i) => ({ ...base, shiftId: shift.id, ...attendance(shift, worker.recent[i] ?? 'completed') })),
    ...upcoming.map((shift) => ({ ...base, shiftId: shift.id, status: 'scheduled' as const })),
  ];
  if (rows.length > 0) await tx.insert(shiftAssignments).values(rows).onConflictDoNothing();
}

const shifted = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * MINUTE_MS);

function attendance(shift: ShiftRow, how: PastAttendance): Omit<PlaceRow, 'shiftId' | 'studentId' | 'source'> {
  const { earlyIn, lateOut, lateIn } = ATTENDANCE_MINUTES;
  switch (how) {
    case 'completed':
      return { status: 'completed', clockInAt: shifted(shift.startsAt, -earlyIn), clockOutAt: shifted(shift.endsAt, lateOut) };
    case 'late':
      return { status: 'completed', late: true, clockInAt: shifted(shift.startsAt, lateIn), clockOutAt: shifted(shift.endsAt, lateOut) };
    case 'auto_closed':
      // Forgot to clock out: the job closed it at the shift's end and it waits for a lead's review.
      return { status: 'auto_closed', autoClosed: true, clockInAt: shifted(shift.startsAt, -earlyIn), clockOutAt: shift.endsAt };
    case 'no_show':
      return { status: 'no_show' };
  }
}

/** One extra open warehouse shift tomorrow with every place free, for a visitor to sign up to. */
async function seedExtraOpenShift(tx: Tx, teamIds: Map<string, number>, today: LocalDate, plannerOf: (team: string) => number): Promise<void> {
  const teamId = requireId(teamIds, EXTRA_OPEN_SHIFT.team, 'team');
  const tomorrow = addDays(today, 1);
  const startsAt = atLocal(tomorrow, EXTRA_OPEN_SHIFT.start);
  const [existing] = await tx
    .select({ id: shifts.id })
    .from(shifts)
    .where(and(eq(shifts.teamId, teamId), eq(shifts.post, EXTRA_OPEN_SHIFT.post), eq(shifts.startsAt, startsAt), isNull(shifts.templateId)))
    .limit(1);
  if (existing) return;
  await tx.insert(shifts).values({
    teamId,
    post: EXTRA_OPEN_SHIFT.post,
    startsAt,
    endsAt: atLocal(tomorrow, EXTRA_OPEN_SHIFT.end),
    capacity: EXTRA_OPEN_SHIFT.capacity,
    status: 'published',
    openForSignup: true,
    note: EXTRA_OPEN_SHIFT.note,
    createdBy: plannerOf(EXTRA_OPEN_SHIFT.team),
  });
}
