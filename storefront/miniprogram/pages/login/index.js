const { login } = require('../../utils/session');
const { safePath } = require('../../utils/shopPath');

/**
 * Opened by the shop (wx.miniProgram.reLaunch) when a logged-out visitor taps 登录: logs in
 * with wx.login, then reopens the shop on the page they came from, now with a ticket.
 */
Page({
  data: { state: 'working', message: '' },

  onLoad(options) {
    this.redirect = safePath(options.redirect || '/');
    this.run();
  },

  run() {
    this.setData({ state: 'working', message: '' });
    login()
      .then(() => this.openShop())
      .catch(() => this.setData({ state: 'failed', message: '微信登录没有成功，请检查网络后重试。' }));
  },

  openShop() {
    wx.reLaunch({ url: '/pages/index/index?path=' + encodeURIComponent(this.redirect) });
  },

  retry() {
    this.run();
  },

  browse() {
    wx.reLaunch({ url: '/pages/index/index' });
  },
});
