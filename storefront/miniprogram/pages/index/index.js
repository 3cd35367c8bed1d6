const { H5_BASE, SHOP_NAME } = require('../../config');
const { freshTicket } = require('../../utils/session');
const { pathOf, safePath, withTicket } = require('../../utils/shopPath');

Page({
  data: { src: '' },

  onLoad(options) {
    // Mini-program codes carry their parameter in `scene` (at most 32 characters).
    const raw = options.path || (options.scene ? decodeURIComponent(options.scene) : '');
    const path = safePath(raw);
    // A fresh single-use ticket for every opening: the shop exchanges it for its own session
    // and removes it from the address. Without one the shop still opens, logged out.
    freshTicket().then((ticket) => {
      this.setData({ src: H5_BASE + (ticket ? withTicket(path, ticket) : path) });
    });
  },

  onShareAppMessage(options) {
    const path = pathOf(options.webViewUrl);
    return {
      title: SHOP_NAME,
      path: '/pages/index/index?path=' + encodeURIComponent(path),
    };
  },
});
