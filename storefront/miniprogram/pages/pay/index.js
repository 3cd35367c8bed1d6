const { authorizedRequest } = require('../../utils/session');
const { finish, parseOrderId, payOrder, returnToOrder } = require('../../utils/payFlow');

/**
 * Opened by the shop's web-view (wx.miniProgram.navigateTo '/pages/pay/index?orderId=…'),
 * because a web-view page cannot call wx.requestPayment. Paid, cancelled or failed, it reopens
 * the order page, which re-reads the payment state from the server.
 */
Page({
  data: { state: 'paying', message: '', canRetry: false },

  onLoad(options) {
    this.orderId = parseOrderId(options.orderId);
    if (!this.orderId) {
      this.setData({ state: 'failed', message: '订单号不正确，请返回商城重试', canRetry: false });
      return;
    }
    this.pay();
  },

  pay() {
    this.setData({ state: 'paying', message: '' });
    payOrder(this.orderId, { wx, request: authorizedRequest }).then((result) => {
      const shown = finish(wx, this.orderId, result);
      if (shown) this.setData(shown);
    });
  },

  retry() {
    this.pay();
  },

  back() {
    if (this.orderId) returnToOrder(wx, this.orderId);
    else wx.navigateBack();
  },
});
