import type { Db } from '@qiaodu/db';
import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import { createCountService } from './count-service';
import { createLedgerViewService } from './ledger-view-service';
import { createOverviewService } from './overview-service';
import { createStockService } from './stock-service';

export interface InventoryDeps {
  db: Db;
  clock: () => Date;
}

/**
 * A team's stock in the console: the ledger and its views, receipts, adjustments, thresholds,
 * counts (盘点) and the team overview. The mounter has already asked the policy about each
 * endpoint's `access` for the team in the path; the services scope everything to that team.
 */
export function mountInventoryRoutes(mount: RouteMounter, deps: InventoryDeps): void {
  const stock = createStockService(deps);
  const ledger = createLedgerViewService(deps);
  const counts = createCountService(deps);
  const overview = createOverviewService(deps);
  const created = { created: true };

  mount(endpoints.listTeamStock, ({ params, query }) => stock.list(params.teamId, query));
  mount(endpoints.setLowStockThreshold, ({ actor, params, body }) =>
    stock.setThreshold(actor, params.teamId, params.skuId, body.lowStockThreshold));
  mount(endpoints.receiveStock, ({ actor, params, body }) => stock.receive(actor, params.teamId, body), created);
  mount(endpoints.adjustStock, ({ actor, params, body }) => stock.adjust(actor, params.teamId, body), created);
  mount(endpoints.listStockMovements, ({ params, query }) => ledger.list(params.teamId, query));
  mount(endpoints.exportStockMovements, ({ params, query }) => ledger.exportCsv(params.teamId, query));

  mount(endpoints.listStockCounts, ({ params }) => counts.list(params.teamId));
  mount(endpoints.startStockCount, ({ actor, params, body }) => counts.start(actor, params.teamId, body), created);
  mount(endpoints.getStockCount, ({ actor, params }) => counts.get(actor, params.teamId, params.countId));
  mount(endpoints.recordStockCount, ({ actor, params, body }) => counts.record(actor, params.teamId, params.countId, body));
  mount(endpoints.approveStockCount, ({ actor, params }) => counts.approve(actor, params.teamId, params.countId));
  mount(endpoints.cancelStockCount, ({ actor, params }) => counts.cancel(actor, params.teamId, params.countId));

  mount(endpoints.getTeamOverview, ({ params }) => overview.get(params.teamId));
}
