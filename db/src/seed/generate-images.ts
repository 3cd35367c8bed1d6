/**
 * Writes the seed's pictures to db/seed-images (committed with the code).
 * Run after changing the seed data: npx tsx db/src/seed/generate-images.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSeedImage, SEED_IMAGES } from './images';
import { SEED_IMAGES_DIR } from './urls';

mkdirSync(SEED_IMAGES_DIR, { recursive: true });
const wanted = new Set(SEED_IMAGES.map((image) => image.file));
let removed = 0;
for (const file of readdirSync(SEED_IMAGES_DIR)) {
  if (file.endsWith('.svg') && !wanted.has(file)) {
    rmSync(join(SEED_IMAGES_DIR, file));
    removed++;
  }
}
let bytes = 0;
for (const image of SEED_IMAGES) {
  const svg = renderSeedImage(image);
  bytes += Buffer.byteLength(svg);
  writeFileSync(join(SEED_IMAGES_DIR, image.file), svg);
}
console.log(
  `写入 ${SEED_IMAGES.length} 张种子图片到 ${SEED_IMAGES_DIR}（共 ${(bytes / 1024).toFixed(1)} KB），删除 ${removed} 张过期图片。`,
);
