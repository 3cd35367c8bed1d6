/**
 * How the home page lays out root categories: one row when they fit (at most 6 across at 375 px),
 * otherwise two even rows, with a 全部分类 cell to fill an odd count or to stand in for the rest.
 */
export const GRID_MAX_CELLS = 10;
const ONE_ROW_MAX = 6;

export interface CategoryGridLayout {
  /** How many categories to show. */
  shown: number;
  /** Whether the last cell leads to /categories. */
  more: boolean;
  columns: number;
}

export function categoryGridLayout(count: number): CategoryGridLayout {
  if (count <= ONE_ROW_MAX) return { shown: count, more: false, columns: Math.max(count, 1) };
  if (count > GRID_MAX_CELLS) return { shown: GRID_MAX_CELLS - 1, more: true, columns: GRID_MAX_CELLS / 2 };
  const more = count % 2 === 1;
  return { shown: count, more, columns: (count + (more ? 1 : 0)) / 2 };
}
