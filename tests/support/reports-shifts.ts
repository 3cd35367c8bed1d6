import { randomUUID } from 'node:crypto';
import { schema, type Db } from '@qiaodu/db';
import { atLocal, type AssignmentStatus, type EvaluatorRole, type GradeStatus, type Post } from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import { createBareProduct } from './inventory';

const { shifts, shiftAssignments, shiftEvaluations, rubricTemplates, rubricVersions, orders, orderItems, skus } = schema;

/** "2031-03-04 14:00" in school time as an instant. */
export function local(dateTime: string): Date {
  const [date = '', time = '00:00'] = dateTime.split(' ');
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return atLocal(date, hours * 60 + minutes);
}

/**
 * A shift written straight to the database: planning and clock-in are other modules' endpoints,
 * and the reports read only what their tables hold.
 */
export async function insertShift(
  db: Db,
  shift: { teamId: number; post: Post; starts: string; ends: string; capacity?: number; status?: 'published' | 'draft' | 'cancelled' },
): Promise<number> {
  const [row] = await db
    .insert(shifts)
    .values({ teamId: shift.teamId, post: shift.post, startsAt: local(shift.starts), endsAt: local(shift.ends), capacity: shift.capacity ?? 1, status: shift.status ?? 'published' })
    .returning({ id: shifts.id });
  return row!.id;
}

/** A student's place on a shift with its attendance as the attendance module would leave it. */
export async function insertPlace(
  db: Db,
  place: { shiftId: number; studentId: number; status: AssignmentStatus; clockIn?: string; clockOut?: string; late?: boolean; reviewed?: boolean },
): Promise<number> {
  const [row] = await db
    .insert(shiftAssignments)
    .values({
      shiftId: place.shiftId,
      studentId: place.studentId,
      source: 'assigned',
      status: place.status,
      clockInAt: place.clockIn === undefined ? null : local(place.clockIn),
      clockOutAt: place.clockOut === undefined ? null : local(place.clockOut),
      late: place.late ?? false,
      autoClosed: place.status === 'auto_closed',
      reviewedAt: place.reviewed ? new Date() : null,
    })
    .returning({ id: shiftAssignments.id });
  return row!.id;
}

/** Marks an auto-closed place reviewed, as a lead does in 考勤. */
export async function reviewPlace(db: Db, assignmentId: number): Promise<void> {
  await db.update(shiftAssignments).set({ reviewedAt: new Date() }).where(eq(shiftAssignments.id, assignmentId));
}

let rubricVersionId: number | null = null;
async function testRubricVersion(db: Db): Promise<number> {
  if (rubricVersionId !== null) return rubricVersionId;
  const [template] = await db.insert(rubricTemplates).values({ post: 'warehouse', name: '报表测试量表' }).returning({ id: rubricTemplates.id });
  const [version] = await db.insert(rubricVersions).values({ templateId: template!.id, version: 1 }).returning({ id: rubricVersions.id });
  rubricVersionId = version!.id;
  return rubricVersionId;
}

/** One side's evaluation with a final score (the grading module computes it from the rubric). */
export async function insertEvaluation(
  db: Db,
  evaluation: { assignmentId: number; role: EvaluatorRole; basisPoints: number; status: Exclude<GradeStatus, 'pending'> },
): Promise<void> {
  const visible = evaluation.status === 'published' || evaluation.status === 'locked';
  await db.insert(shiftEvaluations).values({
    assignmentId: evaluation.assignmentId,
    evaluatorRole: evaluation.role,
    rubricVersionId: await testRubricVersion(db),
    scoreBasisPoints: evaluation.basisPoints,
    status: evaluation.status,
    publishedAt: visible ? new Date() : null,
    lockedAt: evaluation.status === 'locked' ? new Date() : null,
  });
}

/** A paid (or unpaid) order of one line of a new product of the team, paid at `paidAt` (school time). */
export async function insertOrder(db: Db, order: { teamId: number; customerId: number; lineFen: number; paidAt: Date | null }): Promise<void> {
  const { productId, skuIds } = await createBareProduct(db, order.teamId, { status: 'on_sale', codePrefix: 'RPT' });
  const skuId = skuIds[0]!;
  await db.update(skus).set({ priceFen: order.lineFen }).where(eq(skus.id, skuId));
  const [row] = await db
    .insert(orders)
    .values({
      orderNo: `R${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      customerId: order.customerId,
      idempotencyKey: randomUUID(),
      requestHash: 'test',
      status: order.paidAt === null ? 'pending_payment' : 'paid',
      deliveryMethod: 'pickup',
      itemsFen: order.lineFen,
      shippingFen: 0,
      totalFen: order.lineFen,
      paidFen: order.paidAt === null ? 0 : order.lineFen,
      paidAt: order.paidAt,
      expiresAt: new Date(Date.now() + 30 * 60_000),
    })
    .returning({ id: orders.id });
  await db.insert(orderItems).values({
    orderId: row!.id,
    skuId,
    productId,
    teamId: order.teamId,
    title: '报表测试商品',
    skuCode: `RPT-${skuId}`,
    unitPriceFen: order.lineFen,
    quantity: 1,
    lineFen: order.lineFen,
  });
}
