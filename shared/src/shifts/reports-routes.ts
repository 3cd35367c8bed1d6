import type { Route } from '../routes';

/** Method and path of the shift reports endpoints (zod-free: the storefront calls through these). */
export const REPORTS_ROUTES = {
  getShiftSettings: { method: 'get', path: '/api/console/shift-settings' },
  updateShiftSettings: { method: 'put', path: '/api/console/shift-settings' },
  listTerms: { method: 'get', path: '/api/console/terms' },
  createTerm: { method: 'post', path: '/api/console/terms' },
  updateTerm: { method: 'put', path: '/api/console/terms/:termId' },
  getMyShiftHours: { method: 'get', path: '/api/me/shift-hours' },
  listTimesheets: { method: 'get', path: '/api/console/timesheets' },
  approveTimesheet: { method: 'post', path: '/api/console/timesheets/:month/students/:studentId/approve' },
  exportTimesheetsXlsx: { method: 'get', path: '/api/console/timesheets/export.xlsx' },
  exportTimesheetsCsv: { method: 'get', path: '/api/console/timesheets/export.csv' },
  getTermSummary: { method: 'get', path: '/api/console/term-summary' },
  exportTermSummaryXlsx: { method: 'get', path: '/api/console/term-summary/export.xlsx' },
  exportTermSummaryCsv: { method: 'get', path: '/api/console/term-summary/export.csv' },
} as const satisfies Record<string, Route>;
