import type { RouteMounter } from '../../http/route';
import type { ShiftDeps } from '../deps';

/** Working a shift: clock in and out, attendance and its corrections, live sessions. */
export function mountAttendanceRoutes(_mount: RouteMounter, _deps: ShiftDeps): void {}
