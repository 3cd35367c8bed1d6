import { ROUTES } from '@qiaodu/shared';
import type { AttendanceCorrectionBody, AttendanceHistory, AttendanceList, AttendanceReviewBody, AttendanceRow, MyShift } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

/** Working a shift: the student hub's current shift, clocking in and out, and a team's attendance. */

export function getMyShift(options: CallOptions = {}): Promise<MyShift> {
  const { method, path } = ROUTES.getMyShift;
  return request<MyShift>(method, path, options);
}

export function clockIn(assignmentId: number): Promise<MyShift> {
  const { method, path } = ROUTES.clockInShiftPlace;
  return request<MyShift>(method, path, { params: { assignmentId } });
}

export function clockOut(assignmentId: number): Promise<MyShift> {
  const { method, path } = ROUTES.clockOutShiftPlace;
  return request<MyShift>(method, path, { params: { assignmentId } });
}

export function listTeamAttendance(teamId: number, query: { from: string; to: string; needsReview?: boolean }, options: CallOptions = {}): Promise<AttendanceList> {
  const { method, path } = ROUTES.listTeamAttendance;
  return request<AttendanceList>(method, path, { ...options, params: { teamId }, query: { ...query, needsReview: query.needsReview ? 'true' : undefined } });
}

export function getAttendanceHistory(teamId: number, assignmentId: number, options: CallOptions = {}): Promise<AttendanceHistory> {
  const { method, path } = ROUTES.getAttendanceHistory;
  return request<AttendanceHistory>(method, path, { ...options, params: { teamId, assignmentId } });
}

export function correctAttendance(teamId: number, assignmentId: number, body: AttendanceCorrectionBody): Promise<AttendanceRow> {
  const { method, path } = ROUTES.correctAttendance;
  return request<AttendanceRow>(method, path, { params: { teamId, assignmentId }, body });
}

export function reviewAutoClosed(teamId: number, assignmentId: number, body: AttendanceReviewBody): Promise<AttendanceRow> {
  const { method, path } = ROUTES.reviewAutoClosedAttendance;
  return request<AttendanceRow>(method, path, { params: { teamId, assignmentId }, body });
}
