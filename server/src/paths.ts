import { fileURLToPath } from 'node:url';

/** Where `vite build` puts the storefront, relative to this source file. */
export const STOREFRONT_DIST = fileURLToPath(new URL('../../storefront/dist', import.meta.url));
export const STOREFRONT_ROOT = fileURLToPath(new URL('../../storefront', import.meta.url));
