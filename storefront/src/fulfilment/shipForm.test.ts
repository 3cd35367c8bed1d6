import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage';
import { CARRIER_OPTIONS, lastCarrier, normalizeTrackingNo, rememberCarrier, trackingNoProblem } from './shipForm';

describe('ship form', () => {
  it('should offer every carrier of the shared list by its Chinese name', () => {
    expect(CARRIER_OPTIONS.find((option) => option.value === 'SF')?.label).toBe('顺丰速运');
    expect(CARRIER_OPTIONS.map((option) => option.value)).toContain('EMS');
  });

  it('should take a tracking number with spaces and lower-case letters as the server stores it', () => {
    expect(normalizeTrackingNo(' sf 1234 5678 90 ')).toBe('SF1234567890');
    expect(trackingNoProblem(' sf 1234 5678 90 ')).toBeNull();
  });

  it('should refuse empty, short, long or punctuated tracking numbers', () => {
    expect(trackingNoProblem('   ')).toBe('请填写快递单号');
    expect(trackingNoProblem('12345')).toBe('快递单号为 6–30 位字母或数字');
    expect(trackingNoProblem('1'.repeat(31))).toBe('快递单号为 6–30 位字母或数字');
    expect(trackingNoProblem('SF-123456')).toBe('快递单号为 6–30 位字母或数字');
  });
});

describe('last carrier', () => {
  it('should start the next dialog on the carrier used last, and ignore unknown codes', () => {
    const storage = memoryStorage();
    expect(lastCarrier(storage)).toBeNull();
    rememberCarrier('ZTO', storage);
    expect(lastCarrier(storage)).toBe('ZTO');
    storage.setItem('qd.console.lastCarrier', 'XYZ');
    expect(lastCarrier(storage)).toBeNull();
  });
});
