import type { RouteMounter } from '../http/route';
import type { ShiftDeps } from '../shifts/deps';

/** Shift settings, terms, timesheets, term summaries, charts and exports. */
export function mountShiftReportRoutes(_mount: RouteMounter, _deps: ShiftDeps): void {}
