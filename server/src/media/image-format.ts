/** The formats an upload may be, told by their first bytes (never by file name or declared type). */
export type UploadImageFormat = 'jpeg' | 'png' | 'webp';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * JPEG starts FF D8 FF, PNG with its 8-byte signature, WebP as a RIFF container of type WEBP.
 * Anything else (a PDF renamed .jpg, text, GIF, SVG, HEIC) is null.
 */
export function sniffImageFormat(bytes: Buffer): UploadImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}
