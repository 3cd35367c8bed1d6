/** The WeChat Pay simulator lives with the server: the demo mode runs it too. */
export * from '@qiaodu/server/wechatpay-simulator/simulator';
