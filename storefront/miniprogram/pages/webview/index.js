const { H5_BASE, SHOP_NAME } = require('../../config');

/**
 * Only shop paths are accepted ("/products/12?from=share"): a path from a share card or a QR code
 * must not be able to point the web-view at another site.
 */
function safePath(raw) {
  if (!raw) return '/';
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch (error) {
    return '/';
  }
  if (path.charAt(0) !== '/' || path.charAt(1) === '/' || path.indexOf('\\') !== -1) return '/';
  return path;
}

/** The shop path of a URL the web-view is showing, for sharing it. */
function pathOf(url) {
  if (url && url.indexOf(H5_BASE + '/') === 0) return url.slice(H5_BASE.length);
  return '/';
}

Page({
  data: { src: '' },

  onLoad(options) {
    // Mini-program codes carry their parameter in `scene` (at most 32 characters).
    const raw = options.path || (options.scene ? decodeURIComponent(options.scene) : '');
    this.setData({ src: H5_BASE + safePath(raw) });
  },

  onShareAppMessage(options) {
    const path = pathOf(options.webViewUrl);
    return {
      title: SHOP_NAME,
      path: '/pages/webview/index?path=' + encodeURIComponent(path),
    };
  },
});
