import {
  POSTS,
  addDays,
  atLocal,
  canTransitionShift,
  canTransitionWeek,
  isoWeekdayOf,
  localDateOf,
  weekStartOf,
  type EDITABLE_SHIFT_STATUSES,
  type GenerateWeekResult,
  type OneOffShiftInput,
  type ScheduleWeekView,
  type ShiftPatch,
  type ShiftView,
} from '@qiaodu/shared';
import type { z } from 'zod';
import { AppError } from '../../http/app-error';
import { requireTeam } from '../../inventory/team-scope';
import type { Actor } from '../../policy/actor';
import { may, overridesShiftLimits, plansShiftsOf } from '../../policy/policy';
import type { ShiftDeps } from '../deps';
import * as repo from './repository';
import { withdrawOpenRequestsOn } from './swap-repository';
import { shiftViewOf, shiftViews } from './views';

type Editable = (typeof EDITABLE_SHIFT_STATUSES)[number];
const editable = (status: string): status is Editable => status === 'draft' || status === 'published';

/**
 * A team's schedule week by week: generated from the active templates (again only adds what is
 * missing), edited as a draft, published for the students; one-off shifts join their week.
 */
export function createScheduleService({ db, clock }: ShiftDeps) {
  async function week(actor: Actor, teamId: number, weekStart: string): Promise<ScheduleWeekView> {
    const plans = plansShiftsOf(actor, teamId);
    const row = await repo.findWeek(db, teamId, weekStart);
    const rows = await repo.shiftsOfTeamBetween(db, teamId, atLocal(weekStart, 0), atLocal(addDays(weekStart, 7), 0), !plans);
    const views = await shiftViews(db, actor, teamId, rows, clock());
    const days = Array.from({ length: 7 }, (_, index) => {
      const date = addDays(weekStart, index);
      const today = views.filter((view) => view.date === date);
      return {
        date,
        weekday: isoWeekdayOf(date),
        posts: POSTS.filter((post) => today.some((view) => view.post === post)).map((post) => ({
          post,
          shifts: today.filter((view) => view.post === post),
        })),
      };
    });
    return {
      teamId,
      weekStart,
      status: row?.status ?? null,
      publishedAt: row?.publishedAt?.toISOString() ?? null,
      days,
      can: { plan: plans, overrideLimits: overridesShiftLimits(actor, teamId), work: may(actor, 'shift.work', teamId) },
    };
  }

  /** A planner's edit of a shift of the team, locked; a cancelled one is 409. */
  async function lockEditable(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], teamId: number, shiftId: number) {
    const shift = await repo.lockShift(tx, teamId, shiftId);
    if (!shift) throw new AppError('SHIFT_NOT_FOUND');
    if (!editable(shift.status)) throw new AppError('INVALID_STATE', '班次已取消');
    return shift;
  }

  return {
    async getWeek(actor: Actor, teamId: number, weekStart: string): Promise<ScheduleWeekView> {
      await requireTeam(db, teamId);
      return week(actor, teamId, weekStart);
    },

    async generate(actor: Actor, teamId: number, weekStart: string, openForSignup: boolean): Promise<GenerateWeekResult> {
      await requireTeam(db, teamId);
      const now = clock();
      const created = await db.transaction(async (tx) => {
        const row = await repo.ensureWeek(tx, teamId, weekStart);
        const templates = await repo.listTemplates(tx, teamId, false);
        const planned = templates
          .map((template) => {
            const date = addDays(weekStart, template.weekday - 1);
            return {
              teamId,
              post: template.post,
              scheduleWeekId: row.id,
              templateId: template.id,
              startsAt: atLocal(date, template.startMinute),
              endsAt: atLocal(date, template.endMinute),
              capacity: template.capacity,
              status: row.status === 'published' ? ('published' as const) : ('draft' as const),
              openForSignup,
              note: '',
              createdBy: actor.userId,
            };
          })
          // A shift already begun is not planned after the fact.
          .filter((shift) => shift.startsAt > now);
        return (await repo.insertShifts(tx, planned)).length;
      });
      return { created, week: await week(actor, teamId, weekStart) };
    },

    async publish(actor: Actor, teamId: number, weekStart: string): Promise<ScheduleWeekView> {
      await requireTeam(db, teamId);
      await db.transaction(async (tx) => {
        const row = await repo.lockWeek(tx, teamId, weekStart);
        if (!row) throw new AppError('INVALID_STATE', '这一周还没有排班，请先按模板生成或添加班次');
        if (!canTransitionWeek(row.status, 'publish')) throw new AppError('INVALID_STATE', '这一周已经发布');
        await repo.publishWeek(tx, row.id, actor.userId, clock());
      });
      return week(actor, teamId, weekStart);
    },

    async createOneOff(actor: Actor, teamId: number, input: z.output<typeof OneOffShiftInput>): Promise<ShiftView> {
      await requireTeam(db, teamId);
      const startsAt = new Date(input.startsAt);
      if (startsAt <= clock()) throw new AppError('SHIFT_ALREADY_STARTED', '开始时间已经过去，不能再添加这个班次');
      const id = await db.transaction(async (tx) => {
        const row = await repo.ensureWeek(tx, teamId, weekStartOf(localDateOf(startsAt)));
        const [shiftId] = await repo.insertShifts(tx, [
          {
            teamId,
            post: input.post,
            scheduleWeekId: row.id,
            templateId: null,
            startsAt,
            endsAt: new Date(input.endsAt),
            capacity: input.capacity,
            status: row.status === 'published' ? 'published' : 'draft',
            openForSignup: input.openForSignup,
            note: input.note,
            createdBy: actor.userId,
          },
        ]);
        return shiftId!;
      });
      return shiftViewOf(db, actor, teamId, id, clock());
    },

    async update(actor: Actor, teamId: number, shiftId: number, patch: z.output<typeof ShiftPatch>): Promise<ShiftView> {
      await db.transaction(async (tx) => {
        const shift = await lockEditable(tx, teamId, shiftId);
        if (patch.capacity !== undefined) {
          const held = await repo.countHolding(tx, shiftId);
          if (patch.capacity < held) throw new AppError('SHIFT_CAPACITY_BELOW_HELD', `已有 ${held} 人在这个班次上，人数不能少于 ${held}`);
        }
        await repo.updateShift(tx, shift.id, patch, clock());
      });
      return shiftViewOf(db, actor, teamId, shiftId, clock());
    },

    /** Calls a shift off before it starts: everyone on it gives their place back, open swaps end. */
    async cancel(actor: Actor, teamId: number, shiftId: number): Promise<ShiftView> {
      await db.transaction(async (tx) => {
        const shift = await repo.lockShift(tx, teamId, shiftId);
        if (!shift) throw new AppError('SHIFT_NOT_FOUND');
        if (!canTransitionShift(shift.status, 'cancel')) throw new AppError('INVALID_STATE', '班次已经取消');
        const now = clock();
        if (shift.startsAt <= now) throw new AppError('SHIFT_ALREADY_STARTED', '班次已经开始，不能取消');
        const placeIds = await repo.scheduledPlaceIds(tx, shift.id);
        await withdrawOpenRequestsOn(tx, placeIds, now);
        await repo.releasePlaces(tx, placeIds, now);
        await repo.updateShift(tx, shift.id, { status: 'cancelled' }, now);
      });
      return shiftViewOf(db, actor, teamId, shiftId, clock());
    },
  };
}
