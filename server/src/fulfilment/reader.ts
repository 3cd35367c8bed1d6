import type { Db } from '@qiaodu/db';
import type { PickList, PickListQuery, TeamOrder, TeamOrderDetail, TeamOrderList, TeamOrderListQuery, TeamOrderQueue } from '@qiaodu/shared';
import type { z } from 'zod';
import { AppError } from '../http/app-error';
import { requireTeam } from '../inventory/team-scope';
import { toTimelineEntry } from '../orders/order-mapper';
import type { Actor } from '../policy/actor';
import { toTeamOrder } from './mapper';
import * as repository from './repository';
import type { TeamOrderRow } from './repository';

type ListQuery = z.output<typeof TeamOrderListQuery>;
type PickQuery = z.output<typeof PickListQuery>;

/** The queues a pick list covers: what still has to come off the shelf. */
const PICK_QUEUES: Record<NonNullable<PickQuery['method']> | 'any', readonly TeamOrderQueue[]> = {
  any: ['to_ship', 'to_prepare'],
  express: ['to_ship'],
  pickup: ['to_prepare'],
};

/** A team's orders as its console shows them: queues, one order with its timeline, the pick list. */
export function createTeamOrderReader(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;

  /** Each row with the team's items, open refunds and the other teams' parcel count: one query per part for the page. */
  async function teamOrders(actor: Actor, teamId: number, rows: readonly TeamOrderRow[]): Promise<TeamOrder[]> {
    const ids = rows.map((row) => row.id);
    const [items, openRefunds, others] = await Promise.all([
      repository.findTeamItems(db, teamId, ids),
      repository.ordersWithOpenRefunds(db, teamId, ids),
      repository.otherTeamCounts(db, teamId, ids),
    ]);
    return rows.map((row) =>
      toTeamOrder(
        actor,
        row,
        items.filter((item) => item.orderId === row.id),
        { otherTeams: others.get(row.id) ?? 0, hasOpenRefund: openRefunds.has(row.id) },
      ),
    );
  }

  async function detail(actor: Actor, teamId: number, orderId: number): Promise<TeamOrderDetail> {
    const row = await repository.findTeamOrder(db, teamId, orderId);
    // Another team's order, an unpaid one and a missing one answer alike: nothing leaks.
    if (!row) throw new AppError('ORDER_NOT_FOUND');
    const [[order], events] = await Promise.all([teamOrders(actor, teamId, [row]), repository.findTimeline(db, orderId)]);
    return { ...order!, timeline: events.map(toTimelineEntry) };
  }

  return {
    detail,

    async list(actor: Actor, teamId: number, query: ListQuery): Promise<TeamOrderList> {
      await requireTeam(db, teamId);
      const [rows, counts] = await Promise.all([
        repository.findQueuePage(db, teamId, query.queue, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
        repository.countQueues(db, teamId),
      ]);
      return {
        items: await teamOrders(actor, teamId, rows),
        total: counts[query.queue],
        page: query.page,
        pageSize: query.pageSize,
        counts,
      };
    },

    /** Per SKU: the units to take off the shelf and the orders they go to (oldest paid first). */
    async pickList(teamId: number, query: PickQuery): Promise<PickList> {
      await requireTeam(db, teamId);
      const rows = await repository.findPickLines(db, teamId, PICK_QUEUES[query.method ?? 'any']);
      const lines = new Map<number, PickList['lines'][number]>();
      for (const row of rows) {
        const line = lines.get(row.skuId) ?? { skuId: row.skuId, code: row.code, title: row.title, specs: row.specs, image: row.image, quantity: 0, orders: [] };
        line.quantity += row.units;
        line.orders.push({ id: row.orderId, orderNo: row.orderNo, quantity: row.units });
        lines.set(row.skuId, line);
      }
      // In shelf order: SKU codes are how the team labels its shelves.
      const sorted = [...lines.values()].sort((a, b) => a.code.localeCompare(b.code));
      return {
        lines: sorted,
        orderCount: new Set(rows.map((row) => row.orderId)).size,
        unitCount: rows.reduce((sum, row) => sum + row.units, 0),
        generatedAt: clock().toISOString(),
      };
    },
  };
}

export type TeamOrderReader = ReturnType<typeof createTeamOrderReader>;
