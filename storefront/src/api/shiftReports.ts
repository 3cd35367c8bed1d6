import { ROUTES } from '@qiaodu/shared';
import type { MyShiftHours, ShiftSettings, Term, TermBody, TermCloseResult, TermList, TermSummary, TimesheetList, TimesheetRow, UpdateShiftSettingsBody } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';
import { downloadFile, type DownloadedFile } from './transfer';

/** 设置, 学期, 我的工时, 工时审批 and 学期汇总: the shift reports API. */

export function getShiftSettings(options: CallOptions = {}): Promise<ShiftSettings> {
  const { method, path } = ROUTES.getShiftSettings;
  return request<ShiftSettings>(method, path, options);
}

export function updateShiftSettings(body: UpdateShiftSettingsBody): Promise<ShiftSettings> {
  const { method, path } = ROUTES.updateShiftSettings;
  return request<ShiftSettings>(method, path, { body });
}

export function listTerms(options: CallOptions = {}): Promise<TermList> {
  const { method, path } = ROUTES.listTerms;
  return request<TermList>(method, path, options);
}

export function createTerm(body: TermBody): Promise<Term> {
  const { method, path } = ROUTES.createTerm;
  return request<Term>(method, path, { body });
}

export function updateTerm(termId: number, body: TermBody): Promise<Term> {
  const { method, path } = ROUTES.updateTerm;
  return request<Term>(method, path, { params: { termId }, body });
}

/** 结束学期 is the grading module's endpoint: it locks the term's published grades. */
export function closeTerm(termId: number): Promise<TermCloseResult> {
  const { method, path } = ROUTES.closeTerm;
  return request<TermCloseResult>(method, path, { params: { termId } });
}

export function getMyShiftHours(month: string, options: CallOptions = {}): Promise<MyShiftHours> {
  const { method, path } = ROUTES.getMyShiftHours;
  return request<MyShiftHours>(method, path, { ...options, query: { month } });
}

export function listTimesheets(month: string, options: CallOptions = {}): Promise<TimesheetList> {
  const { method, path } = ROUTES.listTimesheets;
  return request<TimesheetList>(method, path, { ...options, query: { month } });
}

export function approveTimesheet(month: string, studentId: number): Promise<TimesheetRow> {
  const { method, path } = ROUTES.approveTimesheet;
  return request<TimesheetRow>(method, path, { params: { month, studentId } });
}

export function getTermSummary(termId: number, teamId: number, options: CallOptions = {}): Promise<TermSummary> {
  const { method, path } = ROUTES.getTermSummary;
  return request<TermSummary>(method, path, { ...options, query: { termId, teamId } });
}

export type ReportFormat = 'xlsx' | 'csv';

export function downloadTimesheets(month: string, format: ReportFormat): Promise<DownloadedFile> {
  const route = format === 'xlsx' ? ROUTES.exportTimesheetsXlsx : ROUTES.exportTimesheetsCsv;
  return downloadFile(route.path, {}, { month });
}

export function downloadTermSummary(termId: number, teamId: number, format: ReportFormat): Promise<DownloadedFile> {
  const route = format === 'xlsx' ? ROUTES.exportTermSummaryXlsx : ROUTES.exportTermSummaryCsv;
  return downloadFile(route.path, {}, { termId, teamId });
}
