export { detectWeChatEnv } from './env';
export type { WeChatEnv } from './env';
export { SHOP_NAME, setPageTitle } from './title';
export { useWeChatEnv } from './useWeChatEnv';
