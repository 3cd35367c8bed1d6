import { schema, type Tx } from '@qiaodu/db';
import {
  canTransitionOrder,
  ORDER_TRANSITIONS,
  type DeliveryMethod,
  type OrderActor,
  type OrderEventAction,
  type OrderStatus,
  type OrderTransition,
} from '@qiaodu/shared';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../http/app-error';

const { orders, orderEvents } = schema;

/** Who moved an order: the customer, staff of a team (with their shift), or the server's jobs. */
export type OrderMover =
  | { kind: 'customer'; userId: number }
  | { kind: 'team'; userId: number; teamId: number; shiftId: number | null }
  | { kind: 'system'; note?: string };

export interface OrderEventInput {
  orderId: number;
  action: OrderEventAction;
  from?: OrderStatus | null;
  to?: OrderStatus | null;
  by: OrderMover;
  note?: string;
  at: Date;
}

/** Writes one timeline entry (a transition, or a step that does not move the order). */
export async function recordOrderEvent(tx: Tx, event: OrderEventInput): Promise<void> {
  await tx.insert(orderEvents).values({
    orderId: event.orderId,
    action: event.action,
    fromStatus: event.from ?? null,
    toStatus: event.to ?? null,
    actorKind: event.by.kind,
    actorId: event.by.kind === 'system' ? null : event.by.userId,
    teamId: event.by.kind === 'team' ? event.by.teamId : null,
    shiftId: event.by.kind === 'team' ? event.by.shiftId : null,
    note: event.note ?? (event.by.kind === 'system' ? (event.by.note ?? '') : ''),
    createdAt: event.at,
  });
}

export interface TransitionedOrder {
  id: number;
  status: OrderStatus;
  from: OrderStatus;
  deliveryMethod: DeliveryMethod;
  customerId: number | null;
}

/**
 * The one way an order changes state. A conditional UPDATE (status in the transition's `from`,
 * and the delivery method it needs), never check-then-write: of two racing movers exactly one
 * matches; the other gets 409 INVALID_STATE. The timeline row is written in the same
 * transaction. `set` adds the columns this transition fills (paid_at, cancelled_at …); `where`
 * narrows further (the customer's own order, an expiry that is really due).
 */
export async function transitionOrder(
  tx: Tx,
  input: {
    orderId: number;
    transition: OrderTransition;
    by: OrderMover;
    at: Date;
    note?: string;
    set?: Partial<typeof orders.$inferInsert>;
    where?: SQL;
  },
): Promise<TransitionedOrder> {
  const rule = ORDER_TRANSITIONS[input.transition];
  const actor: OrderActor = input.by.kind;
  if (!(rule.by as readonly OrderActor[]).includes(actor)) throw new Error(`${actor} may not ${input.transition} an order`);
  const [row] = await tx
    .update(orders)
    .set({ ...input.set, status: rule.to, updatedAt: input.at })
    .where(
      and(
        eq(orders.id, input.orderId),
        inArray(orders.status, [...rule.from]),
        'delivery' in rule ? eq(orders.deliveryMethod, rule.delivery) : undefined,
        input.where,
      ),
    )
    .returning({
      id: orders.id,
      status: orders.status,
      deliveryMethod: orders.deliveryMethod,
      customerId: orders.customerId,
    });
  if (!row) throw new AppError('INVALID_STATE');
  // RETURNING shows the new row only. With one `from` the old status is known; otherwise the
  // timeline's last entry is it: every transition writes one in its own transaction, and ours
  // holds the row lock now, so the last committed one is the state we moved from.
  const from = (rule.from.length === 1 ? rule.from[0] : await previousStatus(tx, input.orderId, rule.to)) as OrderStatus;
  await recordOrderEvent(tx, { orderId: row.id, action: input.transition, from, to: rule.to, by: input.by, note: input.note, at: input.at });
  return { id: row.id, status: row.status, from, deliveryMethod: row.deliveryMethod, customerId: row.customerId };
}

/** The status the order had before the last move: the latest timeline entry's `to`. */
async function previousStatus(tx: Tx, orderId: number, fallback: OrderStatus): Promise<OrderStatus> {
  const [last] = await tx
    .select({ to: orderEvents.toStatus })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), sql`${orderEvents.toStatus} is not null`))
    .orderBy(sql`${orderEvents.id} desc`)
    .limit(1);
  return last?.to ?? fallback;
}

/** Whether the transition is open to this mover in the order's current state (for `actions`). */
export const mayTransition = canTransitionOrder;
