import type { PaymentStart, PaymentState } from '@qiaodu/shared';
import { computed, onScopeDispose, ref, shallowRef } from 'vue';
import { errorMessage, isApiError } from '../api/http';
import { getPaymentState, payOrder, simulatePayment } from '../api/orders';
import { probeWindow } from '../wechat/env';
import type { EnvProbe } from '../wechat/env';
import { choosePaymentRoute, OPEN_IN_WECHAT_MESSAGE, payInMiniProgram, payInWeChatBrowser } from '../wechat/paymentBridge';
import type { PaymentRoute } from '../wechat/paymentBridge';
import { loadPaymentMode } from './paymentMode';
import type { PaymentMode } from './paymentMode';
import { PAYMENT_FAILED_MESSAGE, PAYMENT_PENDING_MESSAGE, PAYMENT_UNCONFIRMED_MESSAGE, paymentVerdict } from './paymentVerdict';
import type { PaymentVerdict } from './paymentVerdict';

/** The order being paid: what the pay sheet shows. */
export interface PaymentTarget {
  id: number;
  orderNo: string;
  totalFen: number;
}

/**
 * Where the payment is: asking the server to prepay (`starting`), the 模拟支付 sheet open
 * (`simulating`), WeChat's own sheet open (`paying`), re-reading the server's payment state
 * (`confirming`), and what the server then said. `idle` also after a cancel or a hand-off to the
 * mini-program's pay page (the order page re-reads when it is shown again).
 */
export type PaymentPhase = 'idle' | 'starting' | 'simulating' | 'paying' | 'confirming' | 'paid' | 'failed' | 'pending' | 'closed';

/**
 * Why the payment state is read: after WeChat's sheet or the 模拟支付 sheet said ok / cancel /
 * fail; back from the mini-program's pay page (`handed_off`); 刷新; or the order page opened or
 * became visible (`opened`: quiet unless there is news).
 */
export type PaymentCheck = 'ok' | 'cancel' | 'fail' | 'handed_off' | 'refresh' | 'opened';

export interface PaymentHandlers {
  /** The order moved on (paid, closed, or refused as stale): show it afresh. */
  moved: (orderId: number) => void;
  /** A short message for the customer (a toast). */
  notify: (message: string, kind?: 'success' | 'fail') => void;
}

export interface PaymentOptions {
  loadMode?: () => Promise<PaymentMode>;
  probe?: () => EnvProbe;
  /** The waits between re-reads while an order the client reported paid is still unpaid. */
  pollDelaysMs?: readonly number[];
  /** The order the page shows, re-read when the page becomes visible again while it awaits payment. */
  current?: () => PaymentTarget | null;
}

/** About 6 s in all: long enough for WeChat's notification (or the server's query) to land. */
const POLL_DELAYS_MS = [800, 1000, 1200, 1500, 1500] as const;

const UNAVAILABLE_MESSAGE = '商城暂未开通微信支付，请稍后再来';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A hand-off failure (no bridge, the pay page would not open) carries its Chinese message. */
function handOffMessage(error: unknown): string {
  return error instanceof Error && !isApiError(error) && /[\u4e00-\u9fff]/.test(error.message) ? error.message : errorMessage(error);
}

/**
 * 去支付 for the order list, the order detail and the checkout's jump to it: choose the route
 * (mini-program pay page, WeChat browser, the demo simulator, or "open in WeChat"), hand the
 * payment over, then ask the server what happened. The server is the truth: a client's "ok"
 * only makes this re-read a little longer (WeChat's notification may still be on its way).
 */
export function usePayment(handlers: PaymentHandlers, options: PaymentOptions = {}) {
  const loadMode = options.loadMode ?? loadPaymentMode;
  const probe = options.probe ?? probeWindow;
  const pollDelaysMs = options.pollDelaysMs ?? POLL_DELAYS_MS;

  const phase = ref<PaymentPhase>('idle');
  const target = shallowRef<PaymentTarget | null>(null);
  /** The trade the 模拟支付 sheet settles (demo mode). */
  const simulation = shallowRef<PaymentStart | null>(null);
  const simulating = ref(false);
  /** The server's last word on the target's payment. */
  const state = shallowRef<PaymentState | null>(null);
  /** What the result sheet says. */
  const message = ref('');
  /** A dialog that only informs: open the shop in WeChat, payment not available. */
  const notice = shallowRef<{ title: string; message: string } | null>(null);

  // Every start or check gets a number; an answer for an older one is dropped, and leaving the
  // page ends any polling.
  let generation = 0;
  /** The order handed to the mini-program's pay page, re-read when this page is shown again. */
  let handedOff: PaymentTarget | null = null;

  const busy = computed(() => ['starting', 'simulating', 'paying', 'confirming'].includes(phase.value));

  function failed(error: unknown, orderId: number): void {
    phase.value = 'idle';
    handlers.notify(handOffMessage(error), 'fail');
    if (isApiError(error, 'INVALID_STATE') || isApiError(error, 'ORDER_NOT_FOUND')) handlers.moved(orderId);
  }

  async function start(order: PaymentTarget): Promise<void> {
    if (busy.value) return;
    const run = ++generation;
    target.value = order;
    state.value = null;
    notice.value = null;
    handedOff = null;
    phase.value = 'starting';
    try {
      const mode = await loadMode();
      if (run !== generation) return;
      if (mode === 'unavailable') return inform('暂时无法支付', UNAVAILABLE_MESSAGE);
      const route = choosePaymentRoute({ ...probe(), demoMode: mode === 'simulator' });
      if (route === 'unsupported') return inform('请在微信中打开', OPEN_IN_WECHAT_MESSAGE);
      if (route === 'miniprogram') return await handToMiniProgram(order);

      const started = await payOrder(order.id, 'jsapi');
      if (run !== generation) return;
      if (started.simulated) {
        simulation.value = started;
        phase.value = 'simulating';
        return;
      }
      await payWithWeChat(order, started, route, run);
    } catch (error) {
      if (run === generation) failed(error, order.id);
    }
  }

  function inform(title: string, text: string): void {
    phase.value = 'idle';
    notice.value = { title, message: text };
  }

  /** A web-view page cannot pay: the shell's native pay page does, then reopens the order page. */
  async function handToMiniProgram(order: PaymentTarget): Promise<void> {
    phase.value = 'paying';
    await payInMiniProgram(order.id);
    handedOff = order;
    phase.value = 'idle';
  }

  /** The server has a merchant: pay in the WeChat browser (the shop's mode may have been read before it changed). */
  async function payWithWeChat(order: PaymentTarget, started: PaymentStart, route: PaymentRoute, run: number): Promise<void> {
    const where = route === 'demo' ? choosePaymentRoute({ ...probe(), demoMode: false }) : route;
    if (where === 'miniprogram') return handToMiniProgram(order);
    if (where !== 'jsapi') return inform('请在微信中打开', OPEN_IN_WECHAT_MESSAGE);
    phase.value = 'paying';
    const handOff = await payInWeChatBrowser(started.params);
    if (run !== generation) return;
    await confirm(order, handOff.clientSays === 'handed_off' ? 'ok' : handOff.clientSays, run);
  }

  /** 确认支付 / 模拟支付失败 on the 模拟支付 sheet: the simulator sends WeChat's notification. */
  async function simulate(outcome: 'pay' | 'fail'): Promise<void> {
    const started = simulation.value;
    const order = target.value;
    if (!started || !order || simulating.value) return;
    const run = generation;
    simulating.value = true;
    try {
      await simulatePayment(started.orderId, outcome);
      if (run !== generation) return;
      simulation.value = null;
      await confirm(order, outcome === 'pay' ? 'ok' : 'fail', run);
    } catch (error) {
      if (run !== generation) return;
      simulation.value = null;
      failed(error, order.id);
    } finally {
      simulating.value = false;
    }
  }

  /** 取消 on the 模拟支付 sheet: nothing is sent, as WeChat reports no closed sheet either. */
  function cancelSimulation(): void {
    if (simulating.value) return;
    simulation.value = null;
    if (phase.value === 'simulating') phase.value = 'idle';
  }

  /** Reads the payment state, again while the client said ok and the server does not know yet. */
  async function confirm(order: PaymentTarget, why: PaymentCheck, run: number): Promise<void> {
    const quiet = why === 'opened' || why === 'handed_off';
    if (!quiet) phase.value = 'confirming';
    try {
      let latest = await getPaymentState(order.id);
      let verdict = paymentVerdict(latest);
      for (const delay of why === 'ok' ? pollDelaysMs : []) {
        if (verdict !== 'pending' || run !== generation) break;
        await sleep(delay);
        if (run !== generation) return;
        latest = await getPaymentState(order.id);
        verdict = paymentVerdict(latest);
      }
      if (run !== generation) return;
      state.value = latest;
      settle(order, verdict, why, latest);
    } catch (error) {
      if (run !== generation) return;
      if (quiet) {
        phase.value = 'idle';
        return;
      }
      if (isApiError(error, 'ORDER_NOT_FOUND')) return failed(error, order.id);
      phase.value = 'pending';
      message.value = PAYMENT_UNCONFIRMED_MESSAGE;
    }
  }

  function settle(order: PaymentTarget, verdict: PaymentVerdict, why: PaymentCheck, latest: PaymentState): void {
    if (verdict === 'paid') {
      phase.value = 'paid';
      handlers.notify('支付成功', 'success');
      handlers.moved(order.id);
    } else if (verdict === 'closed') {
      // Quietly: the order page shows the closed order itself.
      phase.value = why === 'opened' ? 'idle' : 'closed';
      message.value = latest.message;
      handlers.moved(order.id);
    } else if (verdict === 'failed' || why === 'fail') {
      phase.value = 'failed';
      message.value = PAYMENT_FAILED_MESSAGE;
    } else if (why === 'ok' || why === 'refresh') {
      phase.value = 'pending';
      message.value = PAYMENT_PENDING_MESSAGE;
    } else {
      // Cancelled, or back without paying: the order simply still waits for payment.
      phase.value = 'idle';
      if (why === 'cancel') handlers.notify('已取消支付');
    }
  }

  /**
   * Reads the server's word on `order` (the order page opened, came back from the mini-program's
   * pay page with what wx.requestPayment said, or 刷新). Does nothing while a payment is under way.
   */
  async function check(order: PaymentTarget, why: PaymentCheck = 'opened'): Promise<void> {
    if (busy.value) return;
    const run = ++generation;
    target.value = order;
    await confirm(order, why, run);
  }

  /** 刷新 on the result sheet. */
  function refresh(): Promise<void> {
    const order = target.value;
    return order ? check(order, 'refresh') : Promise.resolve();
  }

  /** 重新支付 on the result sheet. */
  function retry(): Promise<void> {
    const order = target.value;
    if (!order) return Promise.resolve();
    phase.value = 'idle';
    return start(order);
  }

  function dismiss(): void {
    if (!busy.value) phase.value = 'idle';
  }

  /** Back on this page (from the mini-program's pay page, or another app): ask the server again. */
  function onVisible(): void {
    if (typeof document === 'undefined' || document.visibilityState !== 'visible' || busy.value) return;
    const back = handedOff;
    handedOff = null;
    const order = back ?? options.current?.() ?? null;
    if (order) void check(order, back ? 'handed_off' : 'opened');
  }
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
  onScopeDispose(() => {
    generation += 1;
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisible);
  });

  return {
    phase,
    busy,
    target,
    simulation,
    simulating,
    state,
    message,
    notice,
    start,
    simulate,
    cancelSimulation,
    check,
    refresh,
    retry,
    dismiss,
  };
}

export type Payment = ReturnType<typeof usePayment>;
