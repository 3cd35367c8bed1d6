import type { BrandWCPayRequest } from '../wechat/paymentBridge';

/** User agents of where the shop runs, as those browsers send them, for unit tests. */
export const ANDROID_WECHAT =
  'Mozilla/5.0 (Linux; Android 12; V2203A Build/SP1A.210812.003; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230303 MMWEBID/1234 MicroMessenger/8.0.34.2340(0x2800225B) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
export const ANDROID_MINIPROGRAM = `${ANDROID_WECHAT} miniProgram/wx1234567890abcdef`;
export const IOS_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.5 Mobile/15E148 Safari/604.1';

/** JSAPI pay parameters shaped as the server hands them out (made up: nothing here checks the signature). */
export const JSAPI_PARAMS: BrandWCPayRequest = {
  appId: 'wx1234567890abcdef',
  timeStamp: '1764400000',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx2911223344',
  signType: 'RSA',
  paySign: 'c2lnbmF0dXJl',
};
