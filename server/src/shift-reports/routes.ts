import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import type { ShiftDeps } from '../shifts/deps';
import { termSummaryCsv, termSummaryXlsx, timesheetsCsv, timesheetsXlsx } from './exports';
import { createHoursService } from './hours-service';
import { createSettingsService } from './settings-service';
import { createSummaryService } from './summary-service';
import { createTermsService } from './terms-service';
import { createTimesheetsService } from './timesheets-service';

/** Shift settings, terms, timesheets, term summaries, charts and exports. */
export function mountShiftReportRoutes(mount: RouteMounter, deps: ShiftDeps): void {
  const settings = createSettingsService(deps);
  const terms = createTermsService(deps);
  const hours = createHoursService(deps);
  const timesheets = createTimesheetsService(deps);
  const summary = createSummaryService(deps);

  mount(endpoints.getShiftSettings, ({ actor }) => settings.get(actor));
  mount(endpoints.updateShiftSettings, ({ actor, body }) => settings.update(actor, body));

  mount(endpoints.listTerms, ({ actor }) => terms.list(actor));
  mount(endpoints.createTerm, ({ body }) => terms.create(body), { created: true });
  mount(endpoints.updateTerm, ({ params, body }) => terms.update(params.termId, body));

  mount(endpoints.getMyShiftHours, ({ actor, query }) => hours.mine(actor, query.month));

  mount(endpoints.listTimesheets, ({ actor, query }) => timesheets.list(actor, query.month));
  mount(endpoints.approveTimesheet, ({ actor, params }) => timesheets.approve(actor, params.month, params.studentId));
  mount(endpoints.exportTimesheetsXlsx, async ({ actor, query }) => timesheetsXlsx(query.month, (await timesheets.lines(actor, query.month)).lines));
  mount(endpoints.exportTimesheetsCsv, async ({ actor, query }) => timesheetsCsv(query.month, (await timesheets.lines(actor, query.month)).lines));

  mount(endpoints.getTermSummary, ({ actor, query }) => summary.get(actor, query.termId, query.teamId));
  mount(endpoints.exportTermSummaryXlsx, async ({ actor, query }) => termSummaryXlsx(await summary.get(actor, query.termId, query.teamId)));
  mount(endpoints.exportTermSummaryCsv, async ({ actor, query }) => termSummaryCsv(await summary.get(actor, query.termId, query.teamId)));
}
