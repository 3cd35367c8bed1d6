import type { Db } from '@qiaodu/db';
import {
  EVIDENCE_FIGURES,
  EVIDENCE_GROUP_TITLES,
  POST_HEADLINE_FIGURES,
  workedMinutes,
  type EvidenceFigure,
  type EvidenceFigureKey,
  type EvidenceGroup,
  type EvidenceGroupKey,
  type ShiftEvidence,
} from '@qiaodu/shared';
import * as repo from './evidence-repository';
import type { PlaceRow } from './place-repository';

type Values = Partial<Record<EvidenceFigureKey, number | null>>;

function figure(key: EvidenceFigureKey, values: Values): EvidenceFigure {
  const { label, unit } = EVIDENCE_FIGURES[key];
  return { key, label, unit, value: values[key] ?? null };
}

function group(key: EvidenceGroupKey, values: Values, keys: EvidenceFigureKey[]): EvidenceGroup {
  return { key, title: EVIDENCE_GROUP_TITLES[key], figures: keys.map((figureKey) => figure(figureKey, values)) };
}

/**
 * The evidence of a place, computed from the database each time it is shown (nothing to keep
 * in step): the post's headline figures first, then every group with data. Attendance is always
 * there, since every place was scheduled and clocked.
 */
export async function placeEvidence(db: Db, place: PlaceRow): Promise<ShiftEvidence> {
  const key = { assignmentId: place.assignmentId, shiftId: place.shiftId, studentId: place.studentId, teamId: place.teamId };
  const [shipping, stock, refunds, products, live, corrections] = await Promise.all([
    repo.shippingFigures(db, key),
    repo.stockFigures(db, key),
    repo.refundFigures(db, key),
    repo.productFigures(db, key),
    repo.liveFigures(db, key),
    repo.correctionCount(db, place.assignmentId),
  ]);
  const values: Values = {
    scheduledMinutes: Math.floor((place.endsAt.getTime() - place.startsAt.getTime()) / 60_000),
    clockedMinutes: workedMinutes(place),
    late: place.late ? 1 : 0,
    autoClosed: place.autoClosed ? 1 : 0,
    corrections,
    ...shipping,
    ...stock,
    ...refunds,
    ...products,
    ...live,
  };
  const groups: EvidenceGroup[] = [group('attendance', values, ['scheduledMinutes', 'clockedMinutes', 'late', 'autoClosed', 'corrections'])];
  if (shipping.parcelsShipped > 0 || shipping.pickErrors > 0) groups.push(group('shipping', values, ['parcelsShipped', 'medianShipMinutes', 'pickErrors']));
  if (shipping.pickupsHandedOver > 0) groups.push(group('pickup', values, ['pickupsHandedOver']));
  if (stock.stockLinesCounted + stock.stockCountsClosed + stock.stockReceipts + stock.stockAdjustments > 0) {
    groups.push(group('stock', values, ['stockLinesCounted', 'stockCountAccuracy', 'stockCountsClosed', 'stockReceipts', 'stockAdjustments']));
  }
  if (refunds.refundsDecided > 0) groups.push(group('refunds', values, ['refundsDecided', 'medianDecisionMinutes', 'refundsApproved', 'refundsRejected']));
  if (products.productEdits + products.productSubmissions + products.productImages > 0) {
    groups.push(group('products', values, ['productEdits', 'productSubmissions', 'productImages', 'productsApproved']));
  }
  if (live.liveSessions > 0) groups.push(group('live', values, ['liveSessions', 'liveOrders', 'liveItems', 'liveGmvFen']));
  return { headline: POST_HEADLINE_FIGURES[place.post].map((figureKey) => figure(figureKey, values)), groups };
}
