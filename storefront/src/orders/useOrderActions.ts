import type { OrderDetail, OrderSummary } from '@qiaodu/shared';
import { ref, shallowRef } from 'vue';
import { errorMessage, isApiError } from '../api/http';
import { cancelOrder, confirmReceipt } from '../api/orders';
import { showConfirmDialog } from '../feedback/vantDialog';
import { showToast } from '../feedback/vantToast';
import { usePayment } from './usePayment';
import type { PaymentOptions } from './usePayment';

type ActionTarget = Pick<OrderSummary, 'id' | 'orderNo' | 'totalFen'>;

/**
 * 去支付, 取消订单 and 确认收货 for the order list and the order detail: cancelling and confirming
 * ask first, call the API, and hand the changed order back; paying is `usePayment`'s, which
 * reloads the order once the server says it moved on. A refusal because the order moved on
 * meanwhile (expired, paid on another phone) reloads it instead of leaving a stale button.
 */
export function useOrderActions(
  handlers: { changed: (order: OrderDetail) => void; stale: (orderId: number) => void },
  paymentOptions: Pick<PaymentOptions, 'current'> = {},
) {
  const payment = usePayment(
    {
      moved: handlers.stale,
      notify: (message, kind) => void showToast(kind ? { type: kind, message } : message),
    },
    paymentOptions,
  );
  const cancelShow = ref(false);
  const cancelTarget = shallowRef<ActionTarget | null>(null);
  const working = ref(false);

  function failed(error: unknown, orderId: number): void {
    showToast(errorMessage(error));
    if (isApiError(error, 'INVALID_STATE') || isApiError(error, 'ORDER_NOT_FOUND')) handlers.stale(orderId);
  }

  function startPay(order: ActionTarget): void {
    void payment.start(order);
  }

  function startCancel(order: ActionTarget): void {
    cancelTarget.value = order;
    cancelShow.value = true;
  }

  async function cancel(reason: string): Promise<void> {
    const target = cancelTarget.value;
    if (!target || working.value) return;
    const sure = await showConfirmDialog({
      title: '取消订单',
      message: '确定取消这个订单吗？取消后商品将放回库存，需要时请重新下单。',
      confirmButtonText: '取消订单',
      cancelButtonText: '再想想',
    })
      .then(() => true)
      .catch(() => false);
    if (!sure) return;
    working.value = true;
    try {
      handlers.changed(await cancelOrder(target.id, reason));
      showToast('订单已取消');
    } catch (error) {
      failed(error, target.id);
    } finally {
      working.value = false;
    }
  }

  async function confirm(order: ActionTarget): Promise<void> {
    if (working.value) return;
    const sure = await showConfirmDialog({
      title: '确认收货',
      message: '请确认已收到全部商品且无误。确认后交易完成，如有问题仍可在售后期内申请售后。',
      confirmButtonText: '确认收货',
    })
      .then(() => true)
      .catch(() => false);
    if (!sure) return;
    working.value = true;
    try {
      handlers.changed(await confirmReceipt(order.id));
      showToast({ type: 'success', message: '已确认收货' });
    } catch (error) {
      failed(error, order.id);
    } finally {
      working.value = false;
    }
  }

  return { payment, startPay, cancelShow, cancel, startCancel, confirm, working };
}
