import { describe, expect, it } from 'vitest';
import { rubricCriteriaProblem, type RubricCriterionDraft } from './rubric-rules';

const levels = [
  { points: 4, label: '优秀', descriptor: '' },
  { points: 2, label: '合格', descriptor: '' },
  { points: 0, label: '未完成', descriptor: '' },
];
const good: RubricCriterionDraft = { name: '发货准确', weight: 40, levels };

describe('rubricCriteriaProblem', () => {
  it('should accept a criterion with a 0 level and distinct whole points', () => {
    expect(rubricCriteriaProblem([good])).toBeNull();
  });

  it.each([
    ['no criterion', [], '至少需要 1 个评分项'],
    ['a blank name', [{ ...good, name: '  ' }], '名称不能为空'],
    ['a zero weight', [{ ...good, weight: 0 }], '权重'],
    ['a fractional weight', [{ ...good, weight: 1.5 }], '权重'],
    ['one level', [{ ...good, levels: [levels[2]!] }], '至少需要 2 个等级'],
    ['no 0 level', [{ ...good, levels: levels.slice(0, 2) }], '必须有 0 分等级'],
    ['repeated points', [{ ...good, levels: [...levels, { points: 4, label: '再次', descriptor: '' }] }], '不能重复'],
    ['points above 100', [{ ...good, levels: [{ points: 101, label: '超', descriptor: '' }, levels[2]!] }], '0 到 100'],
    ['fractional points', [{ ...good, levels: [{ points: 1.5, label: '半', descriptor: '' }, levels[2]!] }], '0 到 100'],
  ])('should refuse %s', (_what, criteria, message) => {
    expect(rubricCriteriaProblem(criteria as RubricCriterionDraft[])).toContain(message);
  });
});
