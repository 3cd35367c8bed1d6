import { describe, expect, it } from 'vitest';
import { truncateCharacters, wechatTime } from './wechat-time';

describe('wechatTime', () => {
  it('should write Beijing time with +08:00 and whole seconds, the same instant', () => {
    const date = new Date('2018-06-08T02:34:56.789Z');
    expect(wechatTime(date)).toBe('2018-06-08T10:34:56+08:00');
    expect(Date.parse(wechatTime(date))).toBe(Date.parse('2018-06-08T02:34:56Z'));
  });

  it('should roll the date over at Beijing midnight', () => {
    expect(wechatTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
  });
});

describe('truncateCharacters', () => {
  it('should keep short text and cut long text by characters, never inside one', () => {
    expect(truncateCharacters('陶艺杯', 127)).toBe('陶艺杯');
    expect(truncateCharacters('侨都职教商城-陶艺杯', 6)).toBe('侨都职教商城');
    const emoji = '🐟'.repeat(10);
    expect(truncateCharacters(emoji, 3)).toBe('🐟🐟🐟');
    expect([...truncateCharacters(`${'鲤'.repeat(200)}`, 127)]).toHaveLength(127);
  });
});
