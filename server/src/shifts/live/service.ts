import { LIVE_LINK_GRACE_HOURS, maskName, type CreateLiveSessionBody, type LiveBoard, type LiveSession, type LiveSessionList } from '@qiaodu/shared';
import type { z } from 'zod';
import { violatedUniqueConstraint } from '../../console/unique-violation';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../policy/actor';
import { may, plansShiftsOf } from '../../policy/policy';
import type { ShiftDeps } from '../deps';
import { newLiveCode } from './codes';
import { toLiveSession } from './mapper';
import * as repository from './repository';
import { teamSalesByTitle, teamSalesOrders, teamSalesTotals } from './team-sales';
import type { SessionRow } from './repository';

type CreateData = z.output<typeof CreateLiveSessionBody>;

const HOUR_MS = 60 * 60 * 1000;
const ORDER_LIST_LIMIT = 500;
const CODE_ATTEMPTS = 5;

/**
 * 直播 sessions: opened on a 直播主播 shift by a student holding a place on it (or the team's
 * lead/teacher), started and ended, and read as a board of the orders its links brought in.
 */
export function createLiveService(deps: ShiftDeps) {
  const { db, clock } = deps;

  /** Hosts of a shift (students with a place on it) and planners manage its sessions. */
  async function manages(actor: Actor, row: { shiftId: number; teamId: number }): Promise<boolean> {
    if (plansShiftsOf(actor, row.teamId)) return true;
    const hosts = await repository.findHosts(db, [row.shiftId]);
    return hosts.some((host) => host.studentId === actor.userId);
  }

  /** A session the caller may see (shift.view on its team); others are not told it exists. */
  async function visibleSession(actor: Actor, sessionId: number): Promise<SessionRow> {
    const row = await repository.findSession(db, sessionId);
    if (!row || !may(actor, 'shift.view', row.teamId)) throw new AppError('LIVE_SESSION_NOT_FOUND');
    return row;
  }

  async function view(actor: Actor, sessionId: number): Promise<LiveSession> {
    const row = await visibleSession(actor, sessionId);
    return toLiveSession(row, await manages(actor, row));
  }

  async function move(actor: Actor, sessionId: number, step: 'start' | 'end'): Promise<LiveSession> {
    const row = await visibleSession(actor, sessionId);
    if (!(await manages(actor, row))) throw new AppError('FORBIDDEN', '只有本班次的主播或组长、指导教师可以开播和下播');
    const moved = step === 'start' ? await repository.markStarted(db, sessionId, clock()) : await repository.markEnded(db, sessionId, clock());
    if (!moved) throw new AppError('INVALID_STATE', step === 'start' ? '这场直播已经开播过了' : '这场直播还没开播或已经结束');
    return view(actor, sessionId);
  }

  return {
    async list(actor: Actor, teamId: number): Promise<LiveSessionList> {
      const now = clock();
      const [sessions, shifts] = await Promise.all([
        repository.findTeamSessions(db, teamId),
        repository.findLiveHostShifts(db, teamId, now),
      ]);
      const hosts = await repository.findHosts(db, [...new Set([...sessions.map((s) => s.shiftId), ...shifts.map((s) => s.id)])]);
      const plans = plansShiftsOf(actor, teamId);
      const hostsOf = (shiftId: number) => hosts.filter((host) => host.shiftId === shiftId);
      const mine = (shiftId: number) => plans || hostsOf(shiftId).some((host) => host.studentId === actor.userId);
      const openable = shifts.filter((shift) => mine(shift.id));
      return {
        items: sessions.map((row) => toLiveSession(row, mine(row.shiftId))),
        shifts: openable.map((shift) => ({
          shiftId: shift.id,
          startsAt: shift.startsAt.toISOString(),
          endsAt: shift.endsAt.toISOString(),
          hosts: hostsOf(shift.id).map((host) => host.name),
        })),
        can: { create: openable.length > 0 },
      };
    },

    /** The code is generated here; a clash with an existing code (unique index) is retried with a new one. */
    async create(actor: Actor, teamId: number, body: CreateData): Promise<LiveSession> {
      const shift = await repository.findTeamShift(db, teamId, body.shiftId);
      if (!shift) throw new AppError('LIVE_SHIFT_NOT_FOUND');
      if (shift.post !== 'live_host') throw new AppError('LIVE_SHIFT_NOT_LIVE_HOST');
      if (shift.status !== 'published') throw new AppError('INVALID_STATE', '班次未发布或已取消，不能开直播');
      // A session belongs to its shift's time: one opened after the end would attribute orders nobody streamed for.
      if (shift.endsAt < clock()) throw new AppError('LIVE_SHIFT_ENDED');
      if (!(await manages(actor, { shiftId: shift.id, teamId }))) {
        throw new AppError('FORBIDDEN', '只有在这个班次上岗的主播或组长、指导教师可以创建直播');
      }
      for (let attempt = 1; ; attempt++) {
        let id: number;
        try {
          id = await db.transaction((tx) =>
            repository.insertSession(tx, { shiftId: shift.id, code: newLiveCode(), title: body.title, createdBy: actor.userId, at: clock() }),
          );
        } catch (error) {
          if (violatedUniqueConstraint(error) === repository.LIVE_CODE_CONSTRAINT && attempt < CODE_ATTEMPTS) continue;
          throw error;
        }
        return view(actor, id);
      }
    },

    start: (actor: Actor, sessionId: number) => move(actor, sessionId, 'start'),
    end: (actor: Actor, sessionId: number) => move(actor, sessionId, 'end'),

    /**
     * The board as it stands: the team's lines only (a mixed order's other teams' goods are not
     * this stream's sales), GMV = their paid line money (team-sales.ts), refunds beside it.
     * Totals are summed in SQL over every order; the list shows the newest ORDER_LIST_LIMIT.
     */
    async board(actor: Actor, sessionId: number): Promise<LiveBoard> {
      const row = await visibleSession(actor, sessionId);
      const where = repository.ofSession(sessionId);
      const [totals, items, orders] = await Promise.all([
        teamSalesTotals(db, row.teamId, where),
        teamSalesByTitle(db, row.teamId, where),
        teamSalesOrders(db, row.teamId, where, ORDER_LIST_LIMIT),
      ]);
      return {
        session: toLiveSession(row, await manages(actor, row)),
        serverTime: clock().toISOString(),
        totals,
        items,
        orders: orders.map((order) => ({
          orderNo: order.orderNo,
          customer: order.customerName ? maskName(order.customerName) : '已注销用户',
          status: order.status,
          totalFen: order.lineFen,
          paidFen: order.paidFen,
          refundedFen: order.refundedFen,
          units: order.units,
          createdAt: order.createdAt.toISOString(),
        })),
      };
    },
  };
}

/**
 * The live session an order placed now belongs to, from the `liveCode` its checkout sent: a
 * code unknown or malformed, on a cancelled shift, or more than LIVE_LINK_GRACE_HOURS past the
 * session's end (or its shift's end, if never ended) is ignored. The grace matches how long the
 * storefront keeps a code. The order is still placed: a stale link must never cost a sale.
 */
export async function resolveLiveCode(db: ShiftDeps['db'], code: string | undefined, now: Date): Promise<number | null> {
  if (!code) return null;
  return repository.findAttributableSession(db, code.toUpperCase(), new Date(now.getTime() - LIVE_LINK_GRACE_HOURS * HOUR_MS));
}
