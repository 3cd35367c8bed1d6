/**
 * Where the H5 storefront lives.
 *
 * H5_BASE must be the HTTPS origin of the shop, exactly as registered under 小程序管理后台 →
 * 开发管理 → 开发设置 → 业务域名 (the verification file has to be served from its root).
 * A <web-view> refuses any other domain, plain http, IP addresses and ports outside 443.
 * No trailing slash.
 */
module.exports = {
  H5_BASE: 'https://shop.example.edu.cn',
  SHOP_NAME: '侨都职教商城',
};
