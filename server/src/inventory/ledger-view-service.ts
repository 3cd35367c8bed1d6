import type { Db } from '@qiaodu/db';
import {
  ADJUST_REASON_LABELS,
  LEDGER_EXPORT_MAX_ROWS,
  STOCK_MOVEMENT_TYPE_LABELS,
  type StockMovementExportQuery,
  type StockMovementList,
  type StockMovementQuery,
} from '@qiaodu/shared';
import type { z } from 'zod';
import { AppError } from '../http/app-error';
import { RawBody } from '../http/raw-body';
import { chinaDate, chinaDayRange, formatChinaDateTime } from './china-time';
import { toCsv, type CsvCell } from './csv';
import { toStockMovement } from './mapper';
import { countMovements, findMovements, type MovementFilter, type MovementRow } from './movement-repository';
import { requireTeam, requireTeamSku } from './team-scope';

type ListQuery = z.output<typeof StockMovementQuery>;
type ExportQuery = z.output<typeof StockMovementExportQuery>;

const CSV_HEADERS = ['时间', '类型', '商品', '规格编码', '规格', '数量', '结存', '原因', '单位成本(元)', '供货方', '盘点单', '操作人', '班次', '备注'];

/** Fen as a plain yuan amount ("12.80") that a spreadsheet sums. */
function yuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

function csvRow(row: MovementRow): CsvCell[] {
  return [
    formatChinaDateTime(row.createdAt),
    STOCK_MOVEMENT_TYPE_LABELS[row.type],
    row.productTitle,
    row.skuCode,
    row.specs.map((spec) => `${spec.name}:${spec.value}`).join(' / '),
    row.quantity,
    row.balanceAfter,
    row.reason === null ? '' : ADJUST_REASON_LABELS[row.reason],
    row.unitCostFen === null ? null : yuan(row.unitCostFen),
    row.partnerName,
    row.stockCountId,
    row.actorName,
    row.shiftId,
    row.note,
  ];
}

/** Characters Windows refuses in file names, and whitespace, become "_". */
const fileNamePart = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_');

/** The team's stock ledger to read on screen (paged) or take away as CSV (same filters). */
export function createLedgerViewService(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;

  async function filterOf(teamId: number, query: ExportQuery): Promise<MovementFilter> {
    if (query.skuId !== undefined) await requireTeamSku(db, teamId, query.skuId);
    return { skuId: query.skuId, type: query.type, ...chinaDayRange(query) };
  }

  return {
    async list(teamId: number, query: ListQuery): Promise<StockMovementList> {
      await requireTeam(db, teamId);
      const filter = await filterOf(teamId, query);
      const [rows, total] = await Promise.all([
        findMovements(db, teamId, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
        countMovements(db, teamId, filter),
      ]);
      return { items: rows.map(toStockMovement), total, page: query.page, pageSize: query.pageSize };
    },

    /** At most LEDGER_EXPORT_MAX_ROWS rows: a bigger export is refused, not cut short without a word. */
    async exportCsv(teamId: number, query: ExportQuery): Promise<RawBody> {
      const team = await requireTeam(db, teamId);
      const filter = await filterOf(teamId, query);
      const rows = await findMovements(db, teamId, filter, { limit: LEDGER_EXPORT_MAX_ROWS + 1, offset: 0 });
      if (rows.length > LEDGER_EXPORT_MAX_ROWS) {
        const message = `符合条件的流水超过 ${LEDGER_EXPORT_MAX_ROWS} 条，请缩小日期范围后分批导出`;
        throw new AppError('VALIDATION_FAILED', message, [{ path: 'query.from', message }]);
      }
      const csv = toCsv(CSV_HEADERS, rows.map(csvRow));
      return new RawBody('text/csv; charset=utf-8', csv, `库存流水-${fileNamePart(team.name)}-${chinaDate(clock())}.csv`);
    },
  };
}
