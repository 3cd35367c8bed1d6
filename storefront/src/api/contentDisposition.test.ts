import { describe, expect, it } from 'vitest';
import { fileNameFromDisposition } from './contentDisposition';

describe('fileNameFromDisposition', () => {
  it('should prefer the UTF-8 filename* over the ASCII stand-in', () => {
    const header = `attachment; filename="stock-movements-2024-07-01.csv"; filename*=UTF-8''${encodeURIComponent('库存流水-天天市集运营一组-2024-07-01.csv')}`;
    expect(fileNameFromDisposition(header)).toBe('库存流水-天天市集运营一组-2024-07-01.csv');
  });

  it('should take the plain filename, quoted or not, when there is no usable filename*', () => {
    expect(fileNameFromDisposition('attachment; filename="a \\"b\\".csv"')).toBe('a "b".csv');
    expect(fileNameFromDisposition('attachment; filename=export.csv')).toBe('export.csv');
    expect(fileNameFromDisposition(`attachment; filename="plain.csv"; filename*=UTF-8''%E0%A4%A`)).toBe('plain.csv');
  });

  it('should give no name for a missing header, no name, or one that reaches into folders', () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition('attachment')).toBeNull();
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''..%2Fevil.csv`)).toBeNull();
  });
});
