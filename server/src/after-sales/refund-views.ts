import type { Db, Tx } from '@qiaodu/db';
import type { RefundDetail, RefundSummary, TeamRefund, TimelineEntry } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { toRefundSummary, toRefundTimeline, toTeamRefund } from './refund-mapper';
import * as repository from './refund-repository';

type Executor = Db | Tx;
export type TeamRefundDetailView = TeamRefund & { timeline: TimelineEntry[] };

/** Refund rows with their units, as the customer sees them. */
export async function summariesOf(db: Executor, rows: readonly repository.RefundRow[]): Promise<RefundSummary[]> {
  const items = await repository.findRefundItems(db, rows.map((row) => row.id));
  return rows.map((row) => toRefundSummary(row, items));
}

export async function teamRefundsOf(db: Executor, rows: readonly repository.RefundRow[], actor: Actor): Promise<TeamRefund[]> {
  const items = await repository.findRefundItems(db, rows.map((row) => row.id));
  return rows.map((row) => toTeamRefund(row, items, actor));
}

/** The customer's own refund; anyone else's answers exactly like one that does not exist. */
export async function requireCustomerRefund(db: Executor, customerId: number, refundId: number): Promise<repository.RefundRow> {
  const row = await repository.findRefund(db, { refundId, customerId });
  if (!row) throw new AppError('REFUND_NOT_FOUND');
  return row;
}

/** A refund of the team in the path; another team's is not found. */
export async function requireTeamRefund(db: Executor, teamId: number, refundId: number): Promise<repository.RefundRow> {
  const row = await repository.findRefund(db, { refundId, teamId });
  if (!row) throw new AppError('REFUND_NOT_FOUND');
  return row;
}

export async function customerRefundDetail(db: Executor, customerId: number, refundId: number): Promise<RefundDetail> {
  const row = await requireCustomerRefund(db, customerId, refundId);
  const [[summary], events] = await Promise.all([summariesOf(db, [row]), repository.findRefundEvents(db, refundId)]);
  return { ...summary!, timeline: toRefundTimeline(events, row.teamName) };
}

export async function teamRefundDetail(
  db: Executor,
  actor: Actor,
  teamId: number,
  refundId: number,
): Promise<TeamRefundDetailView> {
  const row = await requireTeamRefund(db, teamId, refundId);
  const [[refund], events] = await Promise.all([teamRefundsOf(db, [row], actor), repository.findRefundEvents(db, refundId)]);
  return { ...refund!, timeline: toRefundTimeline(events, row.teamName) };
}
