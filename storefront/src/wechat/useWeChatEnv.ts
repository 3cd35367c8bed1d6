import { computed, readonly, shallowRef } from 'vue';
import { detectWeChatEnv, probeWindow } from './env';
import type { WeChatEnv } from './env';

const env = shallowRef<WeChatEnv>(detectWeChatEnv(probeWindow()));

if (typeof document !== 'undefined' && env.value !== 'browser') {
  // Older clients only set __wxjs_environment once the JS bridge is ready.
  document.addEventListener('WeixinJSBridgeReady', () => (env.value = detectWeChatEnv(probeWindow())), { once: true });
}

/**
 * Inside WeChat the native title bar shows document.title and a back button, so pages hide their
 * own nav bar there; in a plain browser they show one.
 */
export function useWeChatEnv() {
  const isMiniProgram = computed(() => env.value === 'miniprogram');
  const isWeChat = computed(() => env.value !== 'browser');
  return { env: readonly(env), isMiniProgram, isWeChat };
}
