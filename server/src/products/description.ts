import type { DescriptionBlock, FieldIssue } from '@qiaodu/shared';

/**
 * Image blocks of a description that point at anything but this product's own pictures. Only
 * pictures uploaded to the product (or seeded with it) may appear: no outside URLs (the shop
 * may run offline, and a URL of another product's picture would break when that one is removed).
 */
export function strayDescriptionImages(description: readonly DescriptionBlock[], ownUrls: ReadonlySet<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  description.forEach((block, index) => {
    if (block.type === 'image' && !ownUrls.has(block.url)) {
      issues.push({ path: `body.description.${index}.url`, message: '描述里的图片须先作为本商品的详情图上传' });
    }
  });
  return issues;
}

/** The description without the blocks that show a removed picture; null when none did. */
export function withoutImage(description: readonly DescriptionBlock[], url: string): DescriptionBlock[] | null {
  const kept = description.filter((block) => block.type !== 'image' || block.url !== url);
  return kept.length === description.length ? null : kept;
}
