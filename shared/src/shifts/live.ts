/** Live sessions (直播): schemas of the session list, its start/end and the live board. */
import { z } from 'zod';
import { ORDER_STATUSES } from '../order-enums';
import { Fen, Id, Timestamp } from '../primitives';
import { LIVE_SESSION_STATES } from './live-rules';

export * from './live-rules';

export const LiveSessionParams = z.object({ sessionId: Id });

export const LiveSessionBrief = z.object({
  id: Id,
  code: z.string(),
  title: z.string(),
  state: z.enum(LIVE_SESSION_STATES),
  stateLabel: z.string(),
});
export type LiveSessionBrief = z.infer<typeof LiveSessionBrief>;

export const LiveSession = LiveSessionBrief.extend({
  teamId: Id,
  shift: z.object({ id: Id, startsAt: Timestamp, endsAt: Timestamp }),
  startedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  createdBy: z.object({ id: Id, name: z.string() }).nullable(),
  createdAt: Timestamp,
  /** `/?live=CODE`: paste after the shop's address. */
  shopPath: z.string(),
  /** `/products/{id}?live=CODE`: any product page carries the code the same way. */
  productPathExample: z.string(),
  can: z.object({ start: z.boolean(), end: z.boolean() }),
});
export type LiveSession = z.infer<typeof LiveSession>;

/** A live_host shift the caller may open a session on. */
export const LiveShiftOption = z.object({ shiftId: Id, startsAt: Timestamp, endsAt: Timestamp, hosts: z.array(z.string()) });

export const LiveSessionList = z.object({
  items: z.array(LiveSession),
  shifts: z.array(LiveShiftOption),
  can: z.object({ create: z.boolean() }),
});
export type LiveSessionList = z.infer<typeof LiveSessionList>;

export const CreateLiveSessionBody = z.strictObject({
  shiftId: Id,
  title: z.string().trim().max(60, { error: '标题最多 60 个字' }).optional().default(''),
});
export type CreateLiveSessionBody = z.input<typeof CreateLiveSessionBody>;

/**
 * The live board, counting only the session team's order lines (a mixed order's other teams'
 * goods and its shipping are not this stream's sales). GMV = the line money of those lines on
 * paid orders; refunds are shown beside it, not subtracted, so the figure never goes down
 * mid-stream. Totals cover every order; `orders` lists the newest 500. Per order, totalFen,
 * paidFen and refundedFen are the team's part.
 */
export const LiveBoard = z.object({
  session: LiveSession,
  serverTime: Timestamp,
  totals: z.object({
    orders: z.number().int().min(0),
    paidOrders: z.number().int().min(0),
    paidUnits: z.number().int().min(0),
    paidGmvFen: Fen,
    refundedFen: Fen,
  }),
  items: z.array(z.object({ title: z.string(), paidUnits: z.number().int().min(0), orderedUnits: z.number().int().min(0), paidFen: Fen })),
  orders: z.array(
    z.object({
      orderNo: z.string(),
      /** Masked (陈**): the board is shown on a stream's screen. */
      customer: z.string(),
      status: z.enum(ORDER_STATUSES),
      totalFen: Fen,
      paidFen: Fen,
      refundedFen: Fen,
      units: z.number().int().min(0),
      createdAt: Timestamp,
    }),
  ),
});
export type LiveBoard = z.infer<typeof LiveBoard>;
