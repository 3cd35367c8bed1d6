import type { RouteMounter } from '../../http/route';
import type { ShiftDeps } from '../deps';

/** Shift planning: templates, schedule weeks, one-off shifts, sign-up, assigning, swaps, availability. */
export function mountShiftPlanningRoutes(_mount: RouteMounter, _deps: ShiftDeps): void {}
