import type { TeamOrder } from '@qiaodu/shared';

export interface ParcelState {
  label: string;
  /** todo: the team still has work on it; done: nothing left to do; closed: cancelled. */
  tone: 'todo' | 'waiting' | 'done' | 'closed';
}

/**
 * Where this team's part of the order stands: the order's status speaks for the whole order,
 * while the team needs to know whether its own parcel is still to ship, prepared or handed over.
 */
export function parcelState(order: Pick<TeamOrder, 'status' | 'deliveryMethod' | 'parcel'>): ParcelState {
  const { parcel } = order;
  if (order.status === 'cancelled') return { label: '已关闭', tone: 'closed' };
  if (order.status === 'completed') return { label: '已完成', tone: 'done' };
  if (parcel.pickedUpAt) return { label: '已自提', tone: 'done' };
  if (parcel.shippedAt) return { label: order.status === 'partially_shipped' ? '已发货 · 其他团队未发' : '已发货', tone: 'done' };
  if (order.deliveryMethod === 'pickup') {
    if (order.status === 'ready_for_pickup') return { label: '待自提', tone: 'waiting' };
    if (parcel.readyAt) return { label: '已备货 · 等其他团队', tone: 'waiting' };
    return { label: '待备货', tone: 'todo' };
  }
  return { label: '待发货', tone: 'todo' };
}
