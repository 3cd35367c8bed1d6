import { fileURLToPath } from 'node:url';

/** Seed pictures are served by the API from db/seed-images under this prefix. */
export const SEED_MEDIA_PREFIX = '/media/seed/';

export const productImageUrl = (slug: string, n: number): string => `${SEED_MEDIA_PREFIX}product-${slug}-${n}.svg`;
export const categoryIconUrl = (slug: string): string => `${SEED_MEDIA_PREFIX}category-${slug}.svg`;
export const partnerLogoUrl = (slug: string): string => `${SEED_MEDIA_PREFIX}logo-${slug}.svg`;

/** The file name in db/seed-images for a seed URL, or null when the URL is not one. */
export function seedFileName(url: string): string | null {
  if (!url.startsWith(SEED_MEDIA_PREFIX)) return null;
  const file = url.slice(SEED_MEDIA_PREFIX.length);
  return /^[a-z0-9-]+\.svg$/.test(file) ? file : null;
}

/** db/seed-images: the generated pictures, committed with the code. */
export const SEED_IMAGES_DIR = fileURLToPath(new URL('../../seed-images', import.meta.url));
