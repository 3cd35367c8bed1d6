import { schema, type Tx } from '@qiaodu/db';
import type { PaymentFlagDetails } from '@qiaodu/db/schema';
import type { PaymentFlagKind } from '@qiaodu/shared';
import { and, eq } from 'drizzle-orm';

const { paymentFlags } = schema;

export interface PaymentFlagInput {
  kind: PaymentFlagKind;
  /** Null only for unknown_order (the table's CHECK). */
  orderId: number | null;
  transactionId: string;
  outTradeNo: string | null;
  /** amount.total as WeChat reported it. */
  amountFen: number | null;
  /** The payment event log row that raised it. */
  logId: number;
  details: PaymentFlagDetails;
}

/**
 * Raises a flag for staff, once per transaction and kind however often WeChat resends: the
 * unique (transaction_id, kind) decides, and a flag already raised is answered with created false.
 */
export async function raisePaymentFlag(tx: Tx, input: PaymentFlagInput): Promise<{ id: number; created: boolean }> {
  const [inserted] = await tx
    .insert(paymentFlags)
    .values({
      kind: input.kind,
      orderId: input.orderId,
      transactionId: input.transactionId,
      outTradeNo: input.outTradeNo,
      amountFen: input.amountFen,
      notificationId: input.logId,
      details: input.details,
    })
    .onConflictDoNothing({ target: [paymentFlags.transactionId, paymentFlags.kind] })
    .returning({ id: paymentFlags.id });
  if (inserted) return { id: inserted.id, created: true };
  const existing = await existingFlag(tx, input.transactionId, input.kind);
  if (existing === null) throw new Error(`payment flag ${input.kind} of ${input.transactionId} vanished`);
  return { id: existing, created: false };
}

/** The id of the flag of this kind already raised for the transaction, or null. */
export async function existingFlag(tx: Tx, transactionId: string, kind: PaymentFlagKind): Promise<number | null> {
  const [row] = await tx
    .select({ id: paymentFlags.id })
    .from(paymentFlags)
    .where(and(eq(paymentFlags.transactionId, transactionId), eq(paymentFlags.kind, kind)));
  return row?.id ?? null;
}
