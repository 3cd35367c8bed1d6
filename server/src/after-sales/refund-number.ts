/**
 * A refund number valid as WeChat Pay's out_refund_no (6–64 of [A-Za-z0-9_|*@-]): RF, the
 * order number without its QD prefix, and the refund's place among the order's refunds,
 * e.g. RF20261129-7KM3XR2A-2. Unique because order numbers are and the order row is locked
 * while its refunds are numbered; readable next to the order it belongs to.
 */
export function formatRefundNo(orderNo: string, sequence: number): string {
  const tail = orderNo.replace(/^QD/, '').replace(/[^A-Za-z0-9_-]/g, '');
  return `RF${tail}-${sequence}`;
}
