/**
 * The file name a Content-Disposition header gives, as a browser would pick it: the RFC 5987
 * `filename*` (UTF-8, percent-encoded: how a Chinese name survives HTTP headers) before the
 * plain `filename`, which servers fill with an ASCII stand-in. null when there is neither, or
 * the name would reach outside the downloads folder.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^';\s]+)'[^']*'([^;\s]+)/i.exec(header);
  if (extended && /^utf-8$/i.test(extended[1]!)) {
    try {
      return safe(decodeURIComponent(extended[2]!));
    } catch {
      // A malformed encoding: fall back to the plain name.
    }
  }
  const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return safe(quoted[1]!.replace(/\\(.)/g, '$1'));
  const token = /(?:^|;)\s*filename\s*=\s*([^;\s"]+)/i.exec(header);
  return token ? safe(token[1]!) : null;
}

function safe(name: string): string | null {
  const trimmed = name.trim();
  return trimmed && !/[\\/]/.test(trimmed) && trimmed !== '.' && trimmed !== '..' ? trimmed : null;
}
