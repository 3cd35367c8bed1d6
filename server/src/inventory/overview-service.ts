import type { Db } from '@qiaodu/db';
import type { TeamOverview } from '@qiaodu/shared';
import { productStatusCounts } from '../products/list-repository';
import { findOpenAndLastClosed } from './count-repository';
import { toCountSummary, toStockMovement, toStockRow } from './mapper';
import { findMovements } from './movement-repository';
import { findStockRows, stockTotals } from './stock-repository';
import { requireTeam } from './team-scope';

const LOW_STOCK_SHOWN = 10;
const RECENT_MOVEMENTS_SHOWN = 10;

/** What a supervising teacher (or the team) sees first: listings, stock at cost, what runs low, what moved. */
export function createOverviewService(deps: { db: Db }) {
  const { db } = deps;
  return {
    async get(teamId: number): Promise<TeamOverview> {
      const team = await requireTeam(db, teamId);
      const [productsByStatus, totals, lowStock, recent, counts] = await Promise.all([
        productStatusCounts(db, teamId),
        stockTotals(db, teamId),
        findStockRows(db, teamId, { lowOnly: true }, { limit: LOW_STOCK_SHOWN, offset: 0, order: 'emptiest' }),
        findMovements(db, teamId, {}, { limit: RECENT_MOVEMENTS_SHOWN, offset: 0 }),
        findOpenAndLastClosed(db, teamId),
      ]);
      return {
        team: { id: team.id, name: team.name },
        productsByStatus,
        stockValueFen: totals.valueFen,
        stockUnits: totals.units,
        lowStockCount: totals.lowCount,
        lowStock: lowStock.map(toStockRow),
        recentMovements: recent.map(toStockMovement),
        openCount: counts.open ? toCountSummary(counts.open) : null,
        lastCount: counts.last ? toCountSummary(counts.last) : null,
      };
    },
  };
}
