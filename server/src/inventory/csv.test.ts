import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('should start with a UTF-8 byte order mark and end every line with CRLF', () => {
    expect(toCsv(['时间', '数量'], [['2024-06-01 08:00:00', 3]])).toBe('\uFEFF时间,数量\r\n2024-06-01 08:00:00,3\r\n');
  });

  it('should quote cells with commas, quotes and line breaks, doubling the quotes', () => {
    expect(toCsv(['备注'], [['a,b'], ['说"好"'], ['两\n行']])).toBe('\uFEFF备注\r\n"a,b"\r\n"说""好"""\r\n"两\n行"\r\n');
  });

  it('should defuse text cells that a spreadsheet would run as a formula', () => {
    const cells = ['=HYPERLINK("http://x","点我")', '+1', '-2', '@SUM(A1)', '\tx', '\rx'];
    const body = toCsv(['备注'], cells.map((text) => [text])).slice(1).split('\r\n').slice(1, -1);
    expect(body).toEqual(["\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"", "'+1", "'-2", "'@SUM(A1)", "'\tx", "\"'\rx\""]);
  });

  it('should write numbers as numbers, negative ones included, and nulls as empty cells', () => {
    expect(toCsv(['数量', '结存', '班次'], [[-3, 17, null]])).toBe('\uFEFF数量,结存,班次\r\n-3,17,\r\n');
  });
});
