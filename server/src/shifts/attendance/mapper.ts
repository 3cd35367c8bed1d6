import { ASSIGNMENT_STATUS_LABELS, POST_LABELS, type AttendancePlace, type AttendanceRow } from '@qiaodu/shared';
import type { PlaceRow } from './repository';

export function toAttendancePlace(row: PlaceRow): AttendancePlace {
  return {
    assignmentId: row.assignmentId,
    shiftId: row.shiftId,
    team: { id: row.teamId, name: row.teamName },
    post: row.post,
    postLabel: POST_LABELS[row.post],
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    status: row.status,
    statusLabel: ASSIGNMENT_STATUS_LABELS[row.status],
    clockInAt: row.clockInAt?.toISOString() ?? null,
    clockOutAt: row.clockOutAt?.toISOString() ?? null,
    late: row.late,
    autoClosed: row.autoClosed,
  };
}

export function toAttendanceRow(row: PlaceRow, extra: { correctionCount: number; locked: boolean }): AttendanceRow {
  return {
    ...toAttendancePlace(row),
    student: { id: row.studentId, name: row.studentName },
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    reviewedBy: row.reviewedById !== null && row.reviewedByName !== null ? { id: row.reviewedById, name: row.reviewedByName } : null,
    correctionCount: extra.correctionCount,
    needsReview: row.autoClosed && row.reviewedAt === null,
    locked: extra.locked,
  };
}
