import { formatFen, ORDER_STATUS_LABELS } from '@qiaodu/shared';
import type { DeliveryMethod, OrderDetail, OrderParcel, OrderStatus, RefundSummary } from '@qiaodu/shared';
import { formatDateTime } from '../format/dateTime';

/** Reasons offered when a customer cancels an unpaid order (the common ones of every shop). */
export const CANCEL_REASONS = ['不想要了', '商品选错了', '地址或联系方式填错了', '配送方式选错了', '重复下单', '其他原因'] as const;

/** Reasons offered for a refund; the customer may add words of their own. */
export const REFUND_REASONS = ['不想要了 / 拍错了', '商品与描述不符', '质量问题', '少件 / 漏发', '包装或商品破损', '未按约定时间发货', '其他'] as const;

/** How a pickup order's statuses read: 待发货 means nothing to someone collecting on campus. */
export function orderStatusLabel(status: OrderStatus, method: DeliveryMethod): string {
  if (method === 'pickup' && status === 'paid') return '备货中';
  return ORDER_STATUS_LABELS[status];
}

/** The big words at the top of an order and the sentence under them. */
export function orderHeadline(
  order: Pick<OrderDetail, 'status' | 'deliveryMethod' | 'parcels' | 'autoCompleteAt' | 'cancelReason' | 'pickup'>,
): { title: string; note: string } {
  const place = order.pickup?.place ?? '校内自提点';
  switch (order.status) {
    case 'pending_payment':
      return { title: '等待付款', note: '超时未支付，订单将自动取消' };
    case 'paid':
      return order.deliveryMethod === 'pickup'
        ? { title: '备货中', note: `学生团队备齐商品后，请到${place}凭提货码取货` }
        : { title: '等待发货', note: '学生团队正在备货，发货后可在这里查看快递单号' };
    case 'partially_shipped': {
      const shipped = order.parcels.filter((parcel) => parcel.shippedAt !== null).length;
      return { title: '部分已发货', note: `${order.parcels.length} 个包裹中已发出 ${shipped} 个，其余正在备货` };
    }
    case 'shipped':
      return {
        title: '待收货',
        note: order.autoCompleteAt ? `包裹已全部发出，${formatDateTime(order.autoCompleteAt)} 将自动确认收货` : '包裹已全部发出，收到后请确认收货',
      };
    case 'ready_for_pickup':
      return { title: '待自提', note: `商品已备齐，请到${place}出示提货码取货` };
    case 'completed':
      return { title: '交易完成', note: '感谢支持学生团队，欢迎再来逛逛' };
    case 'cancelled':
      return { title: '订单已取消', note: order.cancelReason ? `取消原因：${order.cancelReason}` : '' };
  }
}

/** One team's parcel: where it is on its way to the customer. */
export function parcelStatus(
  parcel: Pick<OrderParcel, 'shippedAt' | 'readyAt' | 'pickedUpAt'>,
  method: DeliveryMethod,
  orderStatus: OrderStatus,
): string {
  if (orderStatus === 'cancelled') return '已关闭';
  if (method === 'express') {
    if (!parcel.shippedAt) return orderStatus === 'pending_payment' ? '待付款' : '待发货';
    return orderStatus === 'completed' ? '已签收' : '已发货';
  }
  if (orderStatus === 'pending_payment') return '待付款';
  if (parcel.pickedUpAt) return '已取货';
  return parcel.readyAt ? '已备齐，待自提' : '备货中';
}

/** "红色，大号": a line's spec values as shops show them under the title; '' for one plain SKU. */
export function specValuesText(specs: readonly { value: string }[]): string {
  return specs.map((spec) => spec.value).join('，');
}

/** Where a refund request stands, in a sentence for the customer. */
export function refundHeadline(
  refund: Pick<RefundSummary, 'status' | 'needsTeacher' | 'amountFen' | 'decisionComment'>,
): { title: string; note: string } {
  switch (refund.status) {
    case 'requested':
      return {
        title: '等待学生团队处理',
        note: refund.needsTeacher ? '退款金额较大，需由指导老师审批，请耐心等待' : '团队会尽快处理，同意后款项原路退回',
      };
    case 'approved':
      return { title: '退款中', note: '团队已同意，款项正在原路退回' };
    case 'refunded':
      return { title: '退款成功', note: `${formatFen(refund.amountFen)} 已原路退回` };
    case 'rejected':
      return { title: '团队拒绝了退款', note: refund.decisionComment ? `理由：${refund.decisionComment}` : '如有疑问可再次申请或联系团队' };
    case 'withdrawn':
      return { title: '已撤销申请', note: '如仍有问题，可在售后期内再次申请' };
    case 'failed':
      return { title: '退款失败', note: '团队会重新发起退款，请耐心等待' };
  }
}
