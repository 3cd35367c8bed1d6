/**
 * Where to go after logging in, from the `redirect` query. Only paths inside the shop: an
 * absolute or protocol-relative URL in a crafted link must not send the visitor elsewhere.
 */
export function safeRedirect(raw: unknown, fallback = '/me'): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  // Back to the login page would be a loop.
  if (/^\/login(?:[/?#]|$)/.test(value)) return fallback;
  return value;
}
