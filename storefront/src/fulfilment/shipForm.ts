import { CARRIERS, TRACKING_NO_PATTERN } from '@qiaodu/shared';
import type { CarrierCode } from '@qiaodu/shared';

/** The ship dialog's rules: the server's own pattern and message, checked before sending. */

export const CARRIER_OPTIONS: readonly { value: CarrierCode; label: string }[] = (Object.keys(CARRIERS) as CarrierCode[]).map((code) => ({
  value: code,
  label: CARRIERS[code],
}));

/** As the server stores it: no spaces (people copy "SF 1234 5678"), letters upper-case. */
export function normalizeTrackingNo(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

export function trackingNoProblem(text: string): string | null {
  const value = normalizeTrackingNo(text);
  if (!value) return '请填写快递单号';
  return TRACKING_NO_PATTERN.test(value) ? null : '快递单号为 6–30 位字母或数字';
}

const LAST_CARRIER_KEY = 'qd.console.lastCarrier';

/** A team usually ships with one courier: the dialog starts on the one used last on this phone. */
export function lastCarrier(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): CarrierCode | null {
  try {
    const code = storage?.getItem(LAST_CARRIER_KEY);
    return code && code in CARRIERS ? (code as CarrierCode) : null;
  } catch {
    return null;
  }
}

export function rememberCarrier(code: CarrierCode, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(LAST_CARRIER_KEY, code);
  } catch {
    // Private mode or a full storage: the dialog simply starts without a choice next time.
  }
}
