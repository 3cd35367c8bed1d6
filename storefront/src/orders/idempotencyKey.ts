/**
 * A fresh Idempotency-Key: 32 hex characters from the platform's CSPRNG (crypto.randomUUID is
 * missing from the older WeChat web-views we build for; getRandomValues is everywhere).
 */
export function newIdempotencyKey(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  return Array.from(random(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
