import { schema, type Db, type Tx } from '@qiaodu/db';
import type { SwapRequestKind, SwapRequestStatus } from '@qiaodu/shared';
import { OPEN_SWAP_STATUSES } from '@qiaodu/shared';
import { and, desc, eq, gt, inArray, isNull, ne, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

const { swapRequests, shiftAssignments, shifts, users, teams, teamMembers } = schema;
type Executor = Db | Tx;
const OPEN = [...OPEN_SWAP_STATUSES];

const givenPlace = alias(shiftAssignments, 'given_place');
const givenShift = alias(shifts, 'given_shift');
const giver = alias(users, 'giver');
const targetPlace = alias(shiftAssignments, 'target_place');
const targetShift = alias(shifts, 'target_shift');
const targetHolder = alias(users, 'target_holder');
const targetStudent = alias(users, 'target_student');
const accepter = alias(users, 'accepter');

export const OPEN_REQUEST_CONSTRAINT = 'swap_requests_one_open_per_assignment';

export async function insertRequest(
  tx: Tx,
  values: { kind: SwapRequestKind; assignmentId: number; requestedBy: number; targetStudentId: number | null; targetAssignmentId: number | null; note: string },
  at: Date,
): Promise<number> {
  // The server clock, not the database's: the lists look back from the clock the rules use.
  const [row] = await tx.insert(swapRequests).values({ ...values, createdAt: at, updatedAt: at }).returning({ id: swapRequests.id });
  if (!row) throw new Error('insert into swap_requests returned no row');
  return row.id;
}

function selectViews(db: Executor) {
  return db
    .select({
      id: swapRequests.id,
      kind: swapRequests.kind,
      status: swapRequests.status,
      note: swapRequests.note,
      requestedBy: swapRequests.requestedBy,
      targetStudentId: swapRequests.targetStudentId,
      targetStudentName: targetStudent.displayName,
      acceptedBy: swapRequests.acceptedBy,
      acceptedByName: accepter.displayName,
      createdAt: swapRequests.createdAt,
      decidedAt: swapRequests.decidedAt,
      teamId: givenShift.teamId,
      teamName: teams.name,
      place: {
        assignmentId: givenPlace.id,
        shiftId: givenShift.id,
        post: givenShift.post,
        startsAt: givenShift.startsAt,
        endsAt: givenShift.endsAt,
        studentId: givenPlace.studentId,
        studentName: giver.displayName,
        status: givenPlace.status,
      },
      targetPlace: {
        assignmentId: targetPlace.id,
        shiftId: targetShift.id,
        post: targetShift.post,
        startsAt: targetShift.startsAt,
        endsAt: targetShift.endsAt,
        studentId: targetPlace.studentId,
        studentName: targetHolder.displayName,
        status: targetPlace.status,
      },
    })
    .from(swapRequests)
    .innerJoin(givenPlace, eq(givenPlace.id, swapRequests.assignmentId))
    .innerJoin(givenShift, eq(givenShift.id, givenPlace.shiftId))
    .innerJoin(teams, eq(teams.id, givenShift.teamId))
    .innerJoin(giver, eq(giver.id, givenPlace.studentId))
    .leftJoin(targetStudent, eq(targetStudent.id, swapRequests.targetStudentId))
    .leftJoin(accepter, eq(accepter.id, swapRequests.acceptedBy))
    .leftJoin(targetPlace, eq(targetPlace.id, swapRequests.targetAssignmentId))
    .leftJoin(targetShift, eq(targetShift.id, targetPlace.shiftId))
    .leftJoin(targetHolder, eq(targetHolder.id, targetPlace.studentId));
}
export type SwapRow = Awaited<ReturnType<typeof findRequest>> & {};

export async function findRequest(db: Executor, teamId: number, requestId: number) {
  const [row] = await selectViews(db).where(and(eq(swapRequests.id, requestId), eq(givenShift.teamId, teamId)));
  return row;
}

export async function listRequests(db: Executor, where: SQL | undefined, limit = 100) {
  return selectViews(db).where(where).orderBy(desc(swapRequests.createdAt), desc(swapRequests.id)).limit(limit);
}

export const teamOpenRequests = (teamId: number) => and(eq(givenShift.teamId, teamId), inArray(swapRequests.status, OPEN));

/** Requests the student made, recent first. */
export const outgoingOf = (studentId: number, since: Date) => and(eq(swapRequests.requestedBy, studentId), gt(swapRequests.createdAt, since));

/**
 * Requests the student may answer or has answered: named to them, accepted by them, or open to
 * any teammate of a team they work in (not their own).
 */
export const incomingOf = (studentId: number, teamIds: readonly number[], since: Date) =>
  and(
    gt(swapRequests.createdAt, since),
    ne(swapRequests.requestedBy, studentId),
    or(
      eq(swapRequests.targetStudentId, studentId),
      eq(swapRequests.acceptedBy, studentId),
      teamIds.length > 0
        ? and(isNull(swapRequests.targetStudentId), eq(swapRequests.status, 'requested'), inArray(givenShift.teamId, [...teamIds]))
        : undefined,
    ),
  );

/** Locks the request row of the team; its status decides what may happen next. */
export async function lockRequest(tx: Tx, teamId: number, requestId: number) {
  const [row] = await tx
    .select({
      id: swapRequests.id,
      kind: swapRequests.kind,
      status: swapRequests.status,
      assignmentId: swapRequests.assignmentId,
      requestedBy: swapRequests.requestedBy,
      targetStudentId: swapRequests.targetStudentId,
      targetAssignmentId: swapRequests.targetAssignmentId,
      acceptedBy: swapRequests.acceptedBy,
    })
    .from(swapRequests)
    .innerJoin(shiftAssignments, eq(shiftAssignments.id, swapRequests.assignmentId))
    .innerJoin(shifts, eq(shifts.id, shiftAssignments.shiftId))
    .where(and(eq(swapRequests.id, requestId), eq(shifts.teamId, teamId)))
    .for('update', { of: swapRequests });
  return row;
}

export async function setStatus(
  tx: Tx,
  requestId: number,
  status: SwapRequestStatus,
  at: Date,
  extra: { acceptedBy?: number; acceptedAt?: Date; decidedBy?: number; decidedAt?: Date } = {},
): Promise<void> {
  await tx.update(swapRequests).set({ status, updatedAt: at, ...extra }).where(eq(swapRequests.id, requestId));
}

/** A place given up by other means (removed, shift cancelled) takes its open requests with it. */
export async function withdrawOpenRequestsOn(tx: Tx, assignmentIds: readonly number[], at: Date): Promise<void> {
  if (assignmentIds.length === 0) return;
  await tx
    .update(swapRequests)
    .set({ status: 'withdrawn', updatedAt: at })
    .where(
      and(
        inArray(swapRequests.status, OPEN),
        or(inArray(swapRequests.assignmentId, [...assignmentIds]), inArray(swapRequests.targetAssignmentId, [...assignmentIds])),
      ),
    );
}

export async function openRequestsOn(db: Executor, assignmentIds: readonly number[]) {
  if (assignmentIds.length === 0) return [];
  return db
    .select({ id: swapRequests.id, assignmentId: swapRequests.assignmentId, kind: swapRequests.kind, status: swapRequests.status })
    .from(swapRequests)
    .where(and(inArray(swapRequests.assignmentId, [...assignmentIds]), inArray(swapRequests.status, OPEN)));
}

export async function studentTeamIds(db: Executor, studentId: number): Promise<number[]> {
  const rows = await db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.userId, studentId));
  return rows.map((row) => row.teamId);
}
