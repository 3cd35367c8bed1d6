import { describe, expect, it } from 'vitest';
import { isMainlandMobile, mobileProblem, personNameProblem } from './text-rules';

describe('personNameProblem', () => {
  it('should accept names of any script with the marks names carry', () => {
    expect(personNameProblem('陈小明', 20)).toBeNull();
    expect(personNameProblem('  阿卜杜·热合曼 ', 20)).toBeNull();
    expect(personNameProblem("O'Neil-Li", 20)).toBeNull();
  });

  it('should ask for a name when it is blank', () => {
    expect(personNameProblem('   ', 20)).toBe('请填写姓名');
  });

  it('should hold the name to the limit after trimming', () => {
    expect(personNameProblem(' 陈小明 ', 3)).toBeNull();
    expect(personNameProblem('陈'.repeat(4), 3)).toBe('姓名最多 3 个字');
  });

  it('should refuse emoji and symbols', () => {
    expect(personNameProblem('小明😀', 20)).toMatch(/不能包含表情/);
    expect(personNameProblem('<b>', 20)).toMatch(/不能包含表情/);
  });
});

describe('mobileProblem', () => {
  it('should accept 11-digit mainland mobiles only', () => {
    expect(mobileProblem('13812345678')).toBeNull();
    expect(isMainlandMobile('19912345678')).toBe(true);
    expect(mobileProblem('12812345678')).toBe('请填写 11 位中国大陆手机号');
    expect(mobileProblem('1381234567')).toBe('请填写 11 位中国大陆手机号');
    expect(mobileProblem('')).toBe('请填写手机号');
  });
});
