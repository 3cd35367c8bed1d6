import type { OrderJobPass } from '../../orders/jobs';
import type { ShiftDeps } from '../deps';

/** The shift jobs that run on the background timer: marking no-shows and closing forgotten clock-outs. */
export function shiftJobPasses(_deps: ShiftDeps): OrderJobPass[] {
  return [];
}
