import type { OrderJobPass } from '../../orders/jobs';
import type { ShiftDeps } from '../deps';
import { loadShiftRules } from '../rules';
import { autoClose, markNoShows, releaseUnworkedPlaces } from './repository';

/** Per pass: a backlog (a server down over a weekend) is worked off over a few passes. */
const PASS_LIMIT = 500;

/**
 * The shift jobs that run on the background timer: marking no-shows, releasing places on
 * shifts that ended unpublished, and closing forgotten clock-outs. Each is one conditional UPDATE with the old status in its WHERE, so two server
 * processes running them at once change every place exactly once. The timer's runner logs a
 * failing pass and tries again next time.
 */
export function shiftJobPasses(deps: ShiftDeps): OrderJobPass[] {
  return [
    { name: 'shiftNoShows', run: (now) => markNoShows(deps.db, now, PASS_LIMIT) },
    { name: 'shiftUnworkedReleased', run: (now) => releaseUnworkedPlaces(deps.db, now, PASS_LIMIT) },
    { name: 'shiftAutoClosed', run: async (now) => autoClose(deps.db, now, (await loadShiftRules(deps.db)).autoCloseAfterMinutes, PASS_LIMIT) },
  ];
}
