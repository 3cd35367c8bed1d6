import { describe, expect, it } from 'vitest';
import { galleryRoom, imageFileProblem, movedOrder } from './imageFiles';

describe('imageFileProblem', () => {
  it('should let JPEG, PNG and WebP pictures up to 10 MB through', () => {
    expect(imageFileProblem({ name: 'a.jpg', size: 10 * 1024 * 1024, type: 'image/jpeg' })).toBeNull();
    expect(imageFileProblem({ name: 'a.webp', size: 1, type: 'image/webp' })).toBeNull();
    expect(imageFileProblem({ name: 'a', size: 1, type: '' })).toBeNull();
  });

  it('should refuse empty, oversized and other files before uploading', () => {
    expect(imageFileProblem({ name: 'a.jpg', size: 0, type: 'image/jpeg' })).toBe('“a.jpg”是空文件');
    expect(imageFileProblem({ name: 'b.jpg', size: 10 * 1024 * 1024 + 1, type: 'image/jpeg' })).toBe('“b.jpg”超过 10 MB，请压缩后再上传');
    expect(imageFileProblem({ name: 'c.pdf', size: 100, type: 'application/pdf' })).toBe('“c.pdf”不是 JPEG、PNG 或 WebP 图片');
  });
});

describe('galleryRoom', () => {
  it('should leave room up to nine pictures', () => {
    expect(galleryRoom(0)).toBe(9);
    expect(galleryRoom(7)).toBe(2);
    expect(galleryRoom(9)).toBe(0);
    expect(galleryRoom(12)).toBe(0);
  });
});

describe('movedOrder', () => {
  it('should swap a picture with its neighbour and leave the ends alone', () => {
    expect(movedOrder([1, 2, 3], 2, -1)).toEqual([2, 1, 3]);
    expect(movedOrder([1, 2, 3], 2, 1)).toEqual([1, 3, 2]);
    expect(movedOrder([1, 2, 3], 1, -1)).toEqual([1, 2, 3]);
    expect(movedOrder([1, 2, 3], 3, 1)).toEqual([1, 2, 3]);
    expect(movedOrder([1, 2, 3], 9, 1)).toEqual([1, 2, 3]);
  });
});
