import { formatBasisPoints, formatHours, POST_LABELS, TIMESHEET_STATUS_LABELS, type TermSummary } from '@qiaodu/shared';
import ExcelJS from 'exceljs';
import { formatChinaDateTime } from '../inventory/china-time';
import { toCsv, type CsvCell } from '../inventory/csv';
import { RawBody } from '../http/raw-body';
import type { TimesheetLine } from './timesheets-service';

/**
 * Term grades and timesheets for the school's office, one row per student, as XLSX (exceljs)
 * and CSV (UTF-8 with a BOM, toCsv). Money is integer fen inside and 元 with two decimals
 * here; hours are minutes / 60 with two decimals. Both formats carry the same rows.
 */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const TERM_SUMMARY_HEADERS = ['学生编号', '姓名', '团队', '班次数', '工时(小时)', '迟到次数', '缺勤次数', '已评班次', '部分评分班次', '平均成绩', '分岗位平均成绩'];
export const TIMESHEET_HEADERS = ['学生编号', '姓名', '团队', '月份', '工时(小时)', '时薪(元/小时)', '金额(元)', '状态', '审批人', '审批时间'];

/** A cell as both formats write it: numbers stay numbers in XLSX and print with 2 decimals in CSV. */
type Cell = string | number | { decimal: number } | null;

/** Rounded to 2 decimals so the spreadsheet holds what it shows. */
const decimal = (value: number): Cell => ({ decimal: Math.round(value * 100) / 100 });
const hoursCell = (minutes: number): Cell => decimal(Number(formatHours(minutes)));
const yuanCell = (fen: number): Cell => decimal(fen / 100);

/** Windows refuses these in file names; whitespace becomes "_" as in the other exports. */
const fileNamePart = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_');

function csvCell(cell: Cell): CsvCell {
  if (cell !== null && typeof cell === 'object') return cell.decimal.toFixed(2);
  return cell;
}

async function xlsx(sheetName: string, headers: readonly string[], rows: readonly (readonly Cell[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '侨都职教商城';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...headers]).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(row.map((cell) => (cell !== null && typeof cell === 'object' ? cell.decimal : cell)));
    row.forEach((cell, index) => {
      if (cell !== null && typeof cell === 'object') added.getCell(index + 1).numFmt = '0.00';
    });
  }
  sheet.columns.forEach((column, index) => {
    column.width = Math.max(10, (headers[index]?.length ?? 0) * 2 + 4);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function termSummaryRows(summary: TermSummary): Cell[][] {
  return summary.students.map((student) => [
    student.studentId,
    student.studentName,
    summary.team.name,
    student.shiftsWorked,
    hoursCell(student.minutes),
    student.lateCount,
    student.noShowCount,
    student.gradedShifts,
    // One side only published: not in the averages beside it (summary-service.ts), shown so the office sees them.
    student.partialGrades,
    student.averageBasisPoints === null ? null : decimal(student.averageBasisPoints / 100),
    student.byPost.map((entry) => `${POST_LABELS[entry.post]} ${formatBasisPoints(entry.averageBasisPoints)}`).join('；'),
  ]);
}

/** The distinct hourly rates a student was paid at in the month ("12.00" or "12.00/15.00"). */
function ratesOf(line: TimesheetLine): Cell {
  const rates = [...new Set(line.places.filter((place) => place.minutes > 0).map((place) => place.hourlyRateFen))].sort((a, b) => a - b);
  if (rates.length === 0) return null;
  const [only] = rates;
  return rates.length === 1 && only !== undefined ? yuanCell(only) : rates.map((rate) => (rate / 100).toFixed(2)).join('/');
}

function timesheetRows(month: string, lines: readonly TimesheetLine[]): Cell[][] {
  return lines.map(({ row, ...line }) => [
    row.studentId,
    row.studentName,
    row.teamNames.join('、'),
    month,
    hoursCell(row.minutes),
    ratesOf({ row, ...line }),
    yuanCell(row.amountFen),
    TIMESHEET_STATUS_LABELS[row.status],
    row.approvedByName,
    row.approvedAt === null ? null : formatChinaDateTime(new Date(row.approvedAt)),
  ]);
}

const termFileName = (summary: TermSummary, extension: string) => `学期成绩-${fileNamePart(summary.term.name)}-${fileNamePart(summary.team.name)}.${extension}`;

export async function termSummaryXlsx(summary: TermSummary): Promise<RawBody> {
  return new RawBody(XLSX_TYPE, await xlsx('学期成绩', TERM_SUMMARY_HEADERS, termSummaryRows(summary)), termFileName(summary, 'xlsx'));
}

export function termSummaryCsv(summary: TermSummary): RawBody {
  return new RawBody('text/csv; charset=utf-8', toCsv(TERM_SUMMARY_HEADERS, termSummaryRows(summary).map((row) => row.map(csvCell))), termFileName(summary, 'csv'));
}

export async function timesheetsXlsx(month: string, lines: readonly TimesheetLine[]): Promise<RawBody> {
  return new RawBody(XLSX_TYPE, await xlsx('工时表', TIMESHEET_HEADERS, timesheetRows(month, lines)), `工时表-${month}.xlsx`);
}

export function timesheetsCsv(month: string, lines: readonly TimesheetLine[]): RawBody {
  return new RawBody('text/csv; charset=utf-8', toCsv(TIMESHEET_HEADERS, timesheetRows(month, lines).map((row) => row.map(csvCell))), `工时表-${month}.csv`);
}
