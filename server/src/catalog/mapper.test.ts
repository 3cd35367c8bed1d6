import { describe, expect, it } from 'vitest';
import { specOptionsOf, toCategoryTree } from './mapper';
import { likePattern } from './repository';

describe('specOptionsOf', () => {
  it('should list each dimension once with its values in first-use order', () => {
    const options = specOptionsOf([
      [{ name: '尺寸', value: '小' }, { name: '颜色', value: '红' }],
      [{ name: '尺寸', value: '小' }, { name: '颜色', value: '金' }],
      [{ name: '尺寸', value: '大' }, { name: '颜色', value: '红' }],
    ]);
    expect(options).toEqual([
      { name: '尺寸', values: ['小', '大'] },
      { name: '颜色', values: ['红', '金'] },
    ]);
  });

  it('should answer no options for a product with one plain SKU', () => {
    expect(specOptionsOf([[]])).toEqual([]);
  });
});

describe('toCategoryTree', () => {
  const row = (id: number, parentId: number | null, position = 0) => ({
    id,
    parentId,
    position,
    slug: `c${id}`,
    name: `分类${id}`,
    iconUrl: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  });

  it('should nest children under their roots and keep the given order', () => {
    const tree = toCategoryTree([row(1, null), row(2, null), row(3, 1), row(4, 2), row(5, 1)]);
    expect(tree.map((n) => n.id)).toEqual([1, 2]);
    expect(tree[0]!.children.map((n) => n.id)).toEqual([3, 5]);
    expect(tree[1]!.children.map((n) => n.id)).toEqual([4]);
  });
});

describe('likePattern', () => {
  it('should escape LIKE wildcards and the escape character', () => {
    expect(likePattern('鲤鱼')).toBe('%鲤鱼%');
    expect(likePattern('100%_off\\')).toBe('%100\\%\\_off\\\\%');
  });
});
