import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../../http/route';
import type { ShiftDeps } from '../deps';
import { mountLiveRoutes } from '../live/routes';
import { createAttendanceService } from './attendance-service';
import { createClockService } from './clock-service';

/** Working a shift: clock in and out, attendance and its corrections, live sessions. */
export function mountAttendanceRoutes(mount: RouteMounter, deps: ShiftDeps): void {
  const clocking = createClockService(deps);
  const attendance = createAttendanceService(deps);

  mount(endpoints.getMyShift, ({ actor }) => clocking.myShift(actor));
  mount(endpoints.clockInShiftPlace, ({ actor, params }) => clocking.clockIn(actor, params.assignmentId));
  mount(endpoints.clockOutShiftPlace, ({ actor, params }) => clocking.clockOut(actor, params.assignmentId));

  mount(endpoints.listTeamAttendance, ({ actor, params, query }) => attendance.list(actor, params.teamId, query));
  mount(endpoints.getAttendanceHistory, ({ params }) => attendance.history(params.teamId, params.assignmentId));
  mount(endpoints.correctAttendance, ({ actor, params, body }) => attendance.correct(actor, params.teamId, params.assignmentId, body));
  mount(endpoints.reviewAutoClosedAttendance, ({ actor, params, body }) => attendance.review(actor, params.teamId, params.assignmentId, body));

  mountLiveRoutes(mount, deps);
}
