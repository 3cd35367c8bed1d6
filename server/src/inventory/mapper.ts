import type { PersonRef, StockCountDetail, StockCountLine, StockCountSummary, StockMovement, StockRow } from '@qiaodu/shared';
import type { CountLineRow, CountSummaryRow } from './count-repository';
import type { MovementRow } from './movement-repository';
import type { StockDbRow } from './stock-repository';

function personOf(id: number | null, name: string | null): PersonRef | null {
  return id === null ? null : { id, name: name ?? '' };
}

export function toStockRow(row: StockDbRow): StockRow {
  return {
    skuId: row.skuId,
    code: row.code,
    specs: row.specs,
    productId: row.productId,
    productTitle: row.productTitle,
    productStatus: row.productStatus,
    cover: row.cover,
    stockAvailable: row.stockAvailable,
    lowStockThreshold: row.lowStockThreshold,
    // For every SKU, drafts and off-shelf goods included: the row tells the plain truth about its
    // shelf. Only the low-stock list, its count and the overview keep to goods on sale or under
    // review (LOW_STOCK_WATCHED_STATUSES), so that warnings are about what customers can buy.
    low: row.stockAvailable <= row.lowStockThreshold,
    unitCostFen: row.unitCostFen,
    stockValueFen: row.stockAvailable * (row.unitCostFen ?? 0),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toStockMovement(row: MovementRow): StockMovement {
  return {
    id: row.id,
    type: row.type,
    skuId: row.skuId,
    skuCode: row.skuCode,
    specs: row.specs,
    productId: row.productId,
    productTitle: row.productTitle,
    quantity: row.quantity,
    balanceAfter: row.balanceAfter,
    reason: row.reason,
    note: row.note,
    unitCostFen: row.unitCostFen,
    partner: row.partnerId === null ? null : { id: row.partnerId, name: row.partnerName ?? '' },
    stockCountId: row.stockCountId,
    actor: personOf(row.actorId, row.actorName),
    shiftId: row.shiftId,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toCountSummary(row: CountSummaryRow): StockCountSummary {
  return {
    id: row.id,
    status: row.status,
    note: row.note,
    lineCount: row.lineCount,
    countedCount: row.countedCount,
    matchedCount: row.matchedCount,
    accuracyPermille: row.accuracyPermille,
    varianceUnits: row.varianceUnits,
    startedBy: personOf(row.startedById, row.startedByName),
    startedAt: row.startedAt.toISOString(),
    closedBy: personOf(row.closedById, row.closedByName),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** Counted minus expected: what approving the count posts to the ledger. */
export function varianceOf(line: Pick<CountLineRow, 'expectedQuantity' | 'countedQuantity'>): number | null {
  return line.expectedQuantity === null || line.countedQuantity === null ? null : line.countedQuantity - line.expectedQuantity;
}

export function toCountLine(row: CountLineRow): StockCountLine {
  return {
    skuId: row.skuId,
    code: row.code,
    specs: row.specs,
    productTitle: row.productTitle,
    expectedQuantity: row.expectedQuantity,
    countedQuantity: row.countedQuantity,
    variance: varianceOf(row),
    countedBy: personOf(row.countedById, row.countedByName),
    countedAt: row.countedAt?.toISOString() ?? null,
    stockAvailable: row.stockAvailable,
  };
}

export function toCountDetail(summary: CountSummaryRow, lines: readonly CountLineRow[], can: StockCountDetail['can']): StockCountDetail {
  return { ...toCountSummary(summary), lines: lines.map(toCountLine), can };
}
