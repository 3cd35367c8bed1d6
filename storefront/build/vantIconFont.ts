import type { Plugin } from 'vite';

const ICON_CSS = /[\\/]vant[\\/]es[\\/]icon[\\/]index\.css(?:\?.*)?$/;
const INLINE_WOFF2 = /url\("?data:font\/woff2;charset=utf-8;base64,([A-Za-z0-9+/=]+)"?\)/;
const REMOTE_FALLBACK = /,\s*url\("?\/\/at\.alicdn\.com\/[^)]*\)\s*format\("?woff"?\)/g;

/**
 * Vant's icon stylesheet inlines its whole icon font as base64 (about 25 KB gzip) and falls back
 * to a font on at.alicdn.com. Inlined, the font lands in the first screen's CSS budget; remote,
 * it breaks offline use and pulls a third-party origin into the WeChat web-view.
 * In builds, the font becomes a hashed asset of our own that the browser fetches only when an
 * icon is rendered, and the remote fallback is dropped (every WeChat web-view reads woff2).
 */
export function vantIconFont(): Plugin {
  return {
    name: 'qiaodu:vant-icon-font',
    apply: 'build',
    transform(code, id) {
      if (!ICON_CSS.test(id)) return null;
      const match = INLINE_WOFF2.exec(code);
      if (!match?.[1]) return null;
      const referenceId = this.emitFile({
        type: 'asset',
        name: 'vant-icon.woff2',
        source: Buffer.from(match[1], 'base64'),
      });
      const css = code.replace(match[0], `url(__VITE_ASSET__${referenceId}__)`).replace(REMOTE_FALLBACK, '');
      return { code: css, map: null };
    },
  };
}
