import {
  HOLDING_ASSIGNMENT_STATUSES,
  canWithdrawOwnPlace,
  formatMinuteOfDay,
  localDateOf,
  localMinuteOf,
  type Availability,
  type AssignmentStatus,
  type PlaceWarning,
  type ShiftTemplate,
  type ShiftView,
} from '@qiaodu/shared';
import type { AvailabilityRow, PlaceRow, ShiftRow, TemplateRow } from './repository';

export const isHolding = (status: AssignmentStatus) => (HOLDING_ASSIGNMENT_STATUSES as readonly AssignmentStatus[]).includes(status);

export function toTemplate(row: TemplateRow): ShiftTemplate {
  return { ...row };
}

export function toAvailability(row: AvailabilityRow): Availability {
  return { id: row.id, kind: row.kind, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), note: row.note };
}

/** "12-01 08:00–12:00" in school time. */
export function describeRange(startsAt: Date, endsAt: Date): string {
  const sameDay = localDateOf(startsAt) === localDateOf(endsAt);
  const end = sameDay ? formatMinuteOfDay(localMinuteOf(endsAt)) : `${localDateOf(endsAt).slice(5)} ${formatMinuteOfDay(localMinuteOf(endsAt))}`;
  return `${localDateOf(startsAt).slice(5)} ${formatMinuteOfDay(localMinuteOf(startsAt))}–${end}`;
}

/** Warnings for held places scheduled against the student's `unavailable` declarations. */
export function unavailabilityWarnings(
  shift: Pick<ShiftRow, 'startsAt' | 'endsAt'>,
  places: readonly Pick<PlaceRow, 'studentId' | 'studentName' | 'status'>[],
  unavailable: readonly AvailabilityRow[],
): PlaceWarning[] {
  const warnings: PlaceWarning[] = [];
  for (const place of places) {
    if (place.status !== 'scheduled') continue;
    const clash = unavailable.find(
      (row) => row.studentId === place.studentId && row.startsAt < shift.endsAt && shift.startsAt < row.endsAt,
    );
    if (clash) {
      warnings.push({
        studentId: place.studentId,
        studentName: place.studentName,
        code: 'unavailable',
        message: `${place.studentName} 声明了 ${describeRange(clash.startsAt, clash.endsAt)} 不可上岗${clash.note ? `（${clash.note}）` : ''}`,
      });
    }
  }
  return warnings;
}

export interface ShiftViewContext {
  now: Date;
  viewerId: number;
  plans: boolean;
  works: boolean;
}

export function toShiftView(shift: ShiftRow, places: readonly PlaceRow[], warnings: readonly PlaceWarning[], context: ShiftViewContext): ShiftView {
  const holding = places.filter((place) => isHolding(place.status));
  const released = places.filter((place) => !isHolding(place.status));
  const mine = holding.find((place) => place.studentId === context.viewerId);
  const ahead = shift.startsAt > context.now;
  const live = shift.status !== 'cancelled';
  return {
    id: shift.id,
    teamId: shift.teamId,
    post: shift.post,
    startsAt: shift.startsAt.toISOString(),
    endsAt: shift.endsAt.toISOString(),
    date: localDateOf(shift.startsAt),
    startMinute: localMinuteOf(shift.startsAt),
    endMinute: localDateOf(shift.endsAt) === localDateOf(shift.startsAt) ? localMinuteOf(shift.endsAt) : 1440,
    capacity: shift.capacity,
    held: holding.length,
    status: shift.status,
    openForSignup: shift.openForSignup,
    note: shift.note,
    templateId: shift.templateId,
    places: [...holding, ...released].map((place) => ({
      assignmentId: place.assignmentId,
      studentId: place.studentId,
      studentName: place.studentName,
      status: place.status,
      source: place.source,
    })),
    warnings: [...warnings],
    myAssignmentId: mine?.assignmentId ?? null,
    can: {
      signUp:
        context.works && !mine && ahead && shift.status === 'published' && shift.openForSignup && holding.length < shift.capacity,
      withdraw: context.works && mine !== undefined && canWithdrawOwnPlace(mine) && ahead,
      plan: context.plans && live && ahead,
    },
  };
}
