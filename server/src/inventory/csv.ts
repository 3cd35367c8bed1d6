/** A cell: text is escaped and defused; numbers are written as they are. */
export type CsvCell = string | number | null;

/**
 * Characters that make Excel, WPS or LibreOffice read a text cell as a formula (or, for TAB and
 * CR, that hide one): such a cell gets a leading apostrophe, so a note typed as
 * `=HYPERLINK(…)` stays text (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function textCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function cell(value: CsvCell): string {
  if (value === null) return '';
  return typeof value === 'number' ? String(value) : textCell(value);
}

/**
 * RFC 4180 CSV with CRLF line ends and a UTF-8 byte order mark, which Excel needs to read
 * Chinese text as UTF-8 instead of the system code page.
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [headers, ...rows].map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
