import type { RouteMounter } from '../http/route';
import type { ShiftDeps } from '../shifts/deps';

/** Grading: rubrics, shift evidence, teacher and mentor evaluations, publishing and locking. */
export function mountGradingRoutes(_mount: RouteMounter, _deps: ShiftDeps): void {}
