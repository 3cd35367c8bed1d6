import { describe, expect, it } from 'vitest';
import { categoryGridLayout } from './categoryGrid';

describe('categoryGridLayout', () => {
  it('should keep up to six categories on one row', () => {
    expect(categoryGridLayout(6)).toEqual({ shown: 6, more: false, columns: 6 });
    expect(categoryGridLayout(4)).toEqual({ shown: 4, more: false, columns: 4 });
  });

  it('should fill an odd second row with 全部分类', () => {
    expect(categoryGridLayout(7)).toEqual({ shown: 7, more: true, columns: 4 });
    expect(categoryGridLayout(8)).toEqual({ shown: 8, more: false, columns: 4 });
  });

  it('should cut long lists to nine and link to the rest', () => {
    expect(categoryGridLayout(14)).toEqual({ shown: 9, more: true, columns: 5 });
  });
});
