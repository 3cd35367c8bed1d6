/**
 * The native pay page's work (pages/pay), kept apart from Page() and from the shell's globals so
 * it can be tested with a fake `wx` and a fake request.
 *
 * A web-view page cannot pay, so the shop opens pages/pay/index?orderId=… ; this asks the API for
 * the payment parameters with the shell's session and calls wx.requestPayment. Whatever
 * wx.requestPayment answers, the order page is reopened and re-reads the state from the server:
 * the server (WeChat's notification, or its query) is the truth, not this callback.
 */

/** Order ids are positive integers; anything else never reaches a URL. */
function parseOrderId(raw) {
  const text = raw === undefined || raw === null ? '' : String(raw);
  return /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : null;
}

const NETWORK_MESSAGE = '网络不通，请检查网络后重试';
const DEMO_MESSAGE = '商城目前是演示模式，不会真实扣款：请返回订单页，用页面上的“模拟支付”完成支付。';
const CLOSED_ORDER_MESSAGE = '订单已支付、已取消或已超时，请返回订单查看';
const GENERIC_MESSAGE = '支付没有发起成功，请稍后重试';

/** A Chinese message for an answer that is not the payment parameters. */
function errorMessage(res) {
  const error = res && res.data && res.data.error ? res.data.error : null;
  // The generic INVALID_STATE text (当前状态不允许此操作) says less than this page can.
  if (res && res.statusCode === 409 && (!error || error.code === 'INVALID_STATE')) return CLOSED_ORDER_MESSAGE;
  if (error && error.message) return error.message;
  if (res && res.statusCode === 401) return '登录已失效，请返回重试';
  if (res && res.statusCode === 404) return '订单不存在';
  return GENERIC_MESSAGE;
}

/** wx.requestPayment as a promise of 'ok' | 'cancel' | 'fail' (a cancel is "requestPayment:fail cancel"). */
function requestPayment(wx, params) {
  return new Promise((resolve) => {
    wx.requestPayment({
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
      signType: params.signType,
      paySign: params.paySign,
      success: () => resolve('ok'),
      fail: (error) => resolve(error && /cancel/.test(String(error.errMsg)) ? 'cancel' : 'fail'),
    });
  });
}

function isPayParams(params) {
  return Boolean(
    params &&
      ['timeStamp', 'nonceStr', 'package', 'signType', 'paySign'].every(
        (key) => typeof params[key] === 'string' && params[key].length > 0,
      ),
  );
}

/**
 * Starts paying an order. Resolves (never rejects) one of:
 * - { outcome: 'ok' | 'cancel' | 'fail' } — what wx.requestPayment said; return to the order;
 * - { outcome: 'demo', message } — the server runs its simulator (no merchant configured, the
 *   answer says `simulated`): WeChat Pay cannot take this trade, the shop's own 模拟支付 sheet
 *   does; tell the customer and return;
 * - { outcome: 'error', message, canRetry } — nothing was paid here; show the message.
 * The server answers PaymentStart `{mode:'wechat', channel, simulated, orderId, orderNo, totalFen,
 * expiresAt, params:{appId, timeStamp, nonceStr, package, signType, paySign}}`.
 * `request(method, path, data)` is the shell's authorized request (utils/session.js).
 */
function payOrder(orderId, deps) {
  return deps
    .request('POST', '/api/orders/' + orderId + '/pay', { channel: 'miniprogram' })
    .then(
      (res) => {
        const ok = res && (res.statusCode === 200 || res.statusCode === 201);
        const body = ok && res.data && typeof res.data === 'object' ? res.data : null;
        if (body && body.mode === 'wechat' && body.simulated === true) return { outcome: 'demo', message: DEMO_MESSAGE };
        if (body && body.mode === 'wechat' && body.simulated === false && isPayParams(body.params)) {
          return requestPayment(deps.wx, body.params).then((outcome) => ({ outcome }));
        }
        if (ok) return { outcome: 'error', message: GENERIC_MESSAGE, canRetry: true };
        // A closed or unknown order will not become payable by trying again.
        const final = res && (res.statusCode === 404 || res.statusCode === 409);
        return { outcome: 'error', message: errorMessage(res), canRetry: !final };
      },
      () => ({ outcome: 'error', message: NETWORK_MESSAGE, canRetry: true }),
    );
}

/**
 * The shop's order page, where the state is read from the server. `payResult` tells that page
 * what wx.requestPayment said, only so it knows to wait a little for WeChat's notification.
 */
function orderPagePath(orderId, outcome) {
  const said = outcome === 'ok' || outcome === 'cancel' || outcome === 'fail' ? '?payResult=' + outcome : '';
  return '/me/orders/' + orderId + said;
}

/**
 * Reopens the web-view on the order page. reLaunch rather than navigateBack: the web-view below
 * still shows the page from before paying, and a fresh opening re-reads the order (with a new
 * login ticket) and leaves no stale page behind the back button.
 */
function returnToOrder(wx, orderId, outcome) {
  wx.reLaunch({ url: '/pages/index/index?path=' + encodeURIComponent(orderPagePath(orderId, outcome)) });
}

/**
 * What the pay page does with payOrder's result: back to the order (after telling the customer,
 * in demo mode), or the page state to show for an error.
 */
function finish(wx, orderId, result) {
  if (result.outcome === 'error') return { state: 'failed', message: result.message, canRetry: result.canRetry };
  if (result.outcome === 'demo') {
    wx.showModal({
      title: '演示模式',
      content: result.message,
      showCancel: false,
      confirmText: '返回订单',
      complete: () => returnToOrder(wx, orderId),
    });
    return { state: 'demo', message: result.message, canRetry: false };
  }
  returnToOrder(wx, orderId, result.outcome);
  return null;
}

module.exports = { parseOrderId, errorMessage, payOrder, orderPagePath, returnToOrder, finish };
