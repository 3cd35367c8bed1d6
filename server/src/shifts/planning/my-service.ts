import {
  canTransitionPlace,
  canWithdrawOwnPlace,
  localDateOf,
  type Availability,
  type AvailabilityInput,
  type MyPlace,
  type MyShifts,
  type OpenShift,
} from '@qiaodu/shared';
import type { z } from 'zod';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../policy/actor';
import { isMemberOf } from '../../policy/policy';
import type { ShiftDeps } from '../deps';
import { loadShiftRules } from '../rules';
import { problemsForEach } from './limit-check';
import { scheduledMinutes } from './limits';
import { toAvailability } from './mapper';
import { openShiftsOf, placesOfStudent } from './my-repository';
import * as repo from './repository';
import { openRequestsOn } from './swap-repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Open shifts are offered two weeks ahead; history reaches back two months. */
const OPEN_AHEAD_DAYS = 14;
const PAST_DAYS = 62;
const UPCOMING_DAYS = 62;

function byDay<T extends { startsAt: string }>(items: readonly T[]): { date: string; items: T[] }[] {
  const days = new Map<string, T[]>();
  for (const item of items) {
    const date = localDateOf(new Date(item.startsAt));
    days.set(date, [...(days.get(date) ?? []), item]);
  }
  return [...days.entries()].map(([date, list]) => ({ date, items: list }));
}

/** A student's own view of their shifts and their declared availability. */
export function createMyShiftService({ db, clock }: ShiftDeps) {
  return {
    async myShifts(actor: Actor): Promise<MyShifts> {
      const now = clock();
      const rules = await loadShiftRules(db);
      const places = await placesOfStudent(db, actor.userId, new Date(now.getTime() - PAST_DAYS * DAY_MS), new Date(now.getTime() + UPCOMING_DAYS * DAY_MS));
      const requests = await openRequestsOn(
        db,
        places.map((place) => place.assignmentId),
      );
      const toPlace = (place: (typeof places)[number]): MyPlace => {
        const request = requests.find((row) => row.assignmentId === place.assignmentId);
        const ahead = place.startsAt > now && place.shiftStatus === 'published';
        return {
          assignmentId: place.assignmentId,
          shiftId: place.shiftId,
          teamId: place.teamId,
          teamName: place.teamName,
          post: place.post,
          startsAt: place.startsAt.toISOString(),
          endsAt: place.endsAt.toISOString(),
          status: place.status,
          source: place.source,
          shiftStatus: place.shiftStatus,
          openRequest: request ? { id: request.id, kind: request.kind, status: request.status } : null,
          can: {
            withdraw: ahead && canWithdrawOwnPlace(place) && !request,
            requestSwap: ahead && canTransitionPlace(place.status, 'give_away') && !request,
          },
        };
      };
      const upcoming = places.filter((place) => place.endsAt > now && place.status !== 'released').map(toPlace);
      const past = places
        .filter((place) => place.endsAt <= now && place.status !== 'released')
        .reverse()
        .map(toPlace);

      const teamIds = [...actor.memberships.keys()].filter((teamId) => isMemberOf(actor, teamId));
      const mine = new Set(places.filter((place) => place.status !== 'released').map((place) => place.shiftId));
      const openRows = (await openShiftsOf(db, teamIds, now, new Date(now.getTime() + OPEN_AHEAD_DAYS * DAY_MS))).filter(
        (shift) => !mine.has(shift.shiftId) && shift.held < shift.capacity,
      );
      // The same held shifts the sign-up check counts (draft shifts too), so preview and refusal agree.
      const limits = await problemsForEach(db, actor.userId, openRows, rules, [{ startsAt: now, endsAt: now }]);
      const open: OpenShift[] = openRows.map((shift) => ({
        ...shift,
        startsAt: shift.startsAt.toISOString(),
        endsAt: shift.endsAt.toISOString(),
        problems: limits.problems.get(shift) ?? [],
      }));
      const minutes = scheduledMinutes(limits.held, now);
      return {
        upcoming: byDay(upcoming),
        past: byDay(past),
        open: byDay(open),
        minutes: { week: minutes.week, month: minutes.month, maxWeekly: rules.maxWeeklyMinutes, maxMonthly: rules.maxMonthlyMinutes },
      };
    },

    async listAvailability(actor: Actor): Promise<{ items: Availability[] }> {
      const since = new Date(clock().getTime() - 7 * DAY_MS);
      return { items: (await repo.availabilityOf(db, actor.userId, since)).map(toAvailability) };
    },

    async createAvailability(actor: Actor, input: z.output<typeof AvailabilityInput>): Promise<Availability> {
      const row = await repo.insertAvailability(db, {
        studentId: actor.userId,
        kind: input.kind,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        note: input.note,
      });
      return toAvailability(row);
    },

    async deleteAvailability(actor: Actor, declarationId: number): Promise<{ deleted: true }> {
      if (!(await repo.deleteAvailability(db, actor.userId, declarationId))) throw new AppError('AVAILABILITY_NOT_FOUND');
      return { deleted: true };
    },
  };
}
