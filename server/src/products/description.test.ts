import type { DescriptionBlock } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { strayDescriptionImages, withoutImage } from './description';

const own = '/media/uploads/products/1/abc-detail.webp';
const description: DescriptionBlock[] = [
  { type: 'heading', text: '细节' },
  { type: 'image', url: own, alt: '' },
  { type: 'image', url: 'https://example.com/x.jpg', alt: '' },
];

describe('description pictures', () => {
  it('should point at every image block that is not one of the product’s pictures', () => {
    expect(strayDescriptionImages(description, new Set([own]))).toEqual([
      { path: 'body.description.2.url', message: expect.stringContaining('详情图') },
    ]);
    expect(strayDescriptionImages(description.slice(0, 2), new Set([own]))).toEqual([]);
  });

  it('should drop the blocks of a removed picture, and say when there were none', () => {
    expect(withoutImage(description, own)).toEqual([description[0], description[2]]);
    expect(withoutImage(description, '/media/uploads/other.webp')).toBeNull();
  });
});
