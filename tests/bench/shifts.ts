/**
 * Shifts and grading on PostgreSQL, against a real server process (`server/src/main.ts`) on a
 * fresh database with the demo seed (people and their shifts around now) and a term's history
 * written straight to the database before the server starts:
 *
 * - `places` worked places (completed, some late, some auto-closed and reviewed) on shifts of the
 *   demo teams' posts over the past term (before the seeded weeks), worked by the demo students
 *   and classmates made for the bench (each at most one shift a day, about two a week);
 * - the evidence a place's grading page reads, on the attribution columns: parcels shipped and
 *   handed over (仓管发货, with pick-error refunds), refunds decided (客服), product activity
 *   (商城运营, 美工设计, with approvals afterwards), live sessions and their paid orders (直播);
 * - evaluations: the teacher's side on three places in four (published or draft), the mentor's
 *   on every other, scored on each post's default rubric.
 *
 * Measured in alternating rounds against a baseline from the same run (the bench's bare Koa
 * hello-world and GET /api/health on the same server): the teacher's grading queue, one place's
 * grading page with its evidence, the student's hub (student-tiantian) and the term summary of
 * tiantian-yunying-1. Then clock-in contention: `students` team members (made for the bench,
 * sessions written as the server writes them) all clock in at the same moment on one shift,
 * then all clock out; a fresh shift each round, inserted as published and started a minute ago
 * (the clock of a child process cannot be moved), so clock-in is open. Afterwards the books:
 * every contention shift has exactly `students` completed places, nobody is still clocked in,
 * and no student was ever clocked into two places at once.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { migrateDatabase, openDatabase, schema, type Db } from '@qiaodu/db';
import { seedDemoData } from '@qiaodu/db/seed';
import { ensureDefaultRubrics } from '@qiaodu/server/grading/default-rubrics';
import { hashSecret, newSecret, SESSION_TOKEN_PREFIX } from '@qiaodu/server/auth/tokens';
import { addDays, atLocal, evaluationBasisPoints, localDateOf, POST_LABELS, weekStartOf, type LocalDate, type Post } from '@qiaodu/shared';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { loginAs } from '../support/auth';
import { createCustomers } from '../support/customers';
import { startNodeProcess, type Started } from '../support/processes';
import { measure, type LoadOptions, type LoadResult } from './load';

const { users, teams, teamMembers, sessions, shifts, shiftAssignments, shiftEvaluations, products, skus, orders, orderItems, orderParcels, refunds, productActivity, liveSessions, terms } =
  schema;

export interface ShiftsBench {
  history: {
    places: number;
    shifts: number;
    students: number;
    orders: number;
    refunds: number;
    productActivity: number;
    liveSessions: number;
    evaluations: number;
    term: string;
  };
  students: number;
  bare: LoadResult;
  health: LoadResult;
  queue: LoadResult;
  place: LoadResult;
  myShift: LoadResult;
  termSummary: LoadResult;
  clockIn: LoadResult & { totalMs: number };
  clockOut: LoadResult & { totalMs: number };
  /** The place shown by the grading page: its post and how many evidence groups it has. */
  placeShown: { assignmentId: number; post: Post; evidenceGroups: number };
  books: {
    rounds: number;
    /** Contention shifts whose places are exactly `students`, all completed. */
    shiftsExact: number;
    places: number;
    completed: number;
    stillClockedIn: number;
    /** Pairs of one student's places whose clocked times overlap (double-clocked). */
    overlapping: number;
    consistent: boolean;
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The demo teams' posts (as their templates in the seed), each worked by the seeded student of that post and classmates. */
const SLOTS: readonly { team: string; post: Post; minutes: number; persona: string }[] = [
  { team: 'tiantian-yunying-1', post: 'warehouse', minutes: 120, persona: 'student-tiantian' },
  { team: 'tiantian-yunying-1', post: 'store_ops', minutes: 120, persona: 'lead-tiantian' },
  { team: 'zhibo-daihuo', post: 'live_host', minutes: 120, persona: 'student-zhibo' },
  { team: 'feiyi-wenchuang', post: 'photo_design', minutes: 180, persona: 'student-feiyi' },
  { team: 'yuecai-meishi', post: 'customer_service', minutes: 90, persona: 'student-yuecai' },
];
/** Evidence per place. */
const SHIPPED_PER_PLACE = 6;
const PICKUPS_PER_PLACE = 2;
const REFUNDS_PER_PLACE = 4;
const ACTIVITY_PER_PLACE = 5;
const LIVE_ORDERS_PER_PLACE = 8;

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

const at = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * MINUTE);

/** Inserts rows `size` at a time (one statement per chunk keeps the parameters far from the limit). */
async function inChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

function medianRun<T extends LoadResult>(runs: T[]): T {
  const sorted = [...runs].sort((a, b) => a.requestsPerSec - b.requestsPerSec);
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  return {
    ...middle,
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    rounds: runs.map((run) => run.requestsPerSec),
  };
}

/** Students of a team (roles student, a post) with a live session each, as the server's session service writes them. */
async function createStudents(db: Db, teamId: number, post: Post, count: number, label: string): Promise<{ userId: number; token: string }[]> {
  const created: { userId: number; token: string }[] = [];
  const now = new Date();
  const ends = new Date(now.getTime() + DAY);
  await inChunks(
    Array.from({ length: count }, (_, i) => i),
    async (chunk) => {
      const people = await db
        .insert(users)
        .values(chunk.map((i) => ({ displayName: `${label}${i + 1}`, roles: ['student' as const] })))
        .returning({ id: users.id });
      await db.insert(teamMembers).values(people.map((person) => ({ teamId, userId: person.id, post })));
      const tokens = people.map(() => newSecret(SESSION_TOKEN_PREFIX));
      await db.insert(sessions).values(
        people.map((person, i) => ({
          userId: person.id,
          tokenHash: hashSecret(tokens[i]!),
          channel: 'demo' as const,
          createdAt: now,
          lastSeenAt: now,
          expiresAt: ends,
          endsAt: ends,
        })),
      );
      people.forEach((person, i) => created.push({ userId: person.id, token: tokens[i]! }));
    },
  );
  return created;
}

interface Place {
  id: number;
  index: number;
  shiftId: number;
  studentId: number;
  teamId: number;
  post: Post;
  startsAt: Date;
  endsAt: Date;
  clockInAt: Date;
  clockOutAt: Date;
}

type OrderRow = typeof orders.$inferInsert;

/**
 * The history: shifts and worked places of every slot over the past term, their evidence, and
 * evaluations. Everything is dated before the seeded weeks, so nothing clashes with the demo.
 */
async function insertHistory(db: Db, totalPlaces: number): Promise<ShiftsBench['history'] & { studentTiantianPlace: number }> {
  const teamRows = await db.select({ id: teams.id, slug: teams.slug }).from(teams);
  const teamId = (slug: string) => teamRows.find((row) => row.slug === slug)!.id;
  const personaRows = await db.select({ id: users.id, persona: users.persona }).from(users);
  const personaId = (persona: string) => personaRows.find((row) => row.persona === persona)!.id;
  const [term] = await db.select().from(terms).limit(1);
  if (!term) throw new Error('the demo seed made no term');
  const customers = await createCustomers(db, 50, '压测排班');

  const today = localDateOf(new Date());
  const lastDay = addDays(weekStartOf(today), -8);
  let termDays = 0;
  for (let day: LocalDate = term.startsOn; day <= lastDay; day = addDays(day, 1)) termDays++;

  const planned: Omit<Place, 'id' | 'shiftId'>[] = [];
  const shiftRows: (typeof shifts.$inferInsert & { key: number })[] = [];
  const placeShiftKey: number[] = [];
  let studentCount = 0;
  let index = 0;
  for (const [slotIndex, slot] of SLOTS.entries()) {
    const quota = Math.floor(totalPlaces / SLOTS.length) + (slotIndex < totalPlaces % SLOTS.length ? 1 : 0);
    if (quota === 0) continue;
    const shiftCount = Math.ceil(quota / 2);
    const perDayMax = Math.floor((14 * 60) / (slot.minutes + 15));
    const dayCount = Math.max(termDays, 14, Math.ceil(shiftCount / perDayMax));
    const perDay = Math.ceil(shiftCount / dayCount);
    const days = Array.from({ length: dayCount }, (_, d) => addDays(lastDay, d - dayCount + 1));
    // Nobody works twice a day, and about two shifts a week (the limit is four of these).
    const weekly = (quota * 7) / dayCount;
    const studentTotal = Math.max(perDay * 2, Math.ceil(weekly / 2), 2);
    const slotTeam = teamId(slot.team);
    const classmates = await createStudents(db, slotTeam, slot.post, studentTotal - 1, `压测${POST_LABELS[slot.post]}同学`);
    const students = [personaId(slot.persona), ...classmates.map((c) => c.userId)];
    studentCount += students.length;
    let slotPlaces = 0;
    for (let s = 0; s < shiftCount; s++) {
      const day = days[Math.floor(s / perDay)]!;
      const startsAt = atLocal(day, 8 * 60 + (s % perDay) * (slot.minutes + 15));
      const endsAt = at(startsAt, slot.minutes);
      const key = shiftRows.length;
      shiftRows.push({ key, teamId: slotTeam, post: slot.post, startsAt, endsAt, capacity: 2, status: 'published', createdBy: personaId('teacher') });
      for (let j = 0; j < 2 && slotPlaces < quota; j++, slotPlaces++) {
        const i = index++;
        const late = i % 9 === 4;
        const autoClosed = i % 29 === 5;
        planned.push({
          index: i,
          studentId: students[(s * 2 + j) % students.length]!,
          teamId: slotTeam,
          post: slot.post,
          startsAt,
          endsAt,
          clockInAt: late ? at(startsAt, 12) : at(startsAt, -3),
          clockOutAt: autoClosed ? endsAt : at(endsAt, 2),
        });
        placeShiftKey.push(key);
      }
    }
  }

  const shiftIds: number[] = [];
  await inChunks(shiftRows, async (chunk) => {
    const rows = await db
      .insert(shifts)
      .values(chunk.map(({ key: _key, ...row }) => row))
      .returning({ id: shifts.id });
    shiftIds.push(...rows.map((row) => row.id));
  });
  const places: Place[] = [];
  await inChunks(
    planned.map((place, n) => ({ place, shiftId: shiftIds[placeShiftKey[n]!]! })),
    async (chunk) => {
      const rows = await db
        .insert(shiftAssignments)
        .values(
          chunk.map(({ place, shiftId }) => {
            const autoClosed = place.index % 29 === 5;
            return {
              shiftId,
              studentId: place.studentId,
              source: 'assigned' as const,
              status: autoClosed ? ('auto_closed' as const) : ('completed' as const),
              clockInAt: place.clockInAt,
              clockOutAt: place.clockOutAt,
              late: place.index % 9 === 4,
              autoClosed,
              reviewedAt: autoClosed ? at(place.endsAt, 24 * 60) : null,
            };
          }),
        )
        .returning({ id: shiftAssignments.id });
      rows.forEach((row, n) => places.push({ ...chunk[n]!.place, id: row.id, shiftId: chunk[n]!.shiftId }));
    },
  );

  // The goods each team sells.
  const goods = await db
    .select({ skuId: skus.id, productId: skus.productId, code: skus.code, priceFen: skus.priceFen, title: products.title, teamId: products.teamId })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId));
  const goodsOf = (team: number) => goods.filter((g) => g.teamId === team);

  let orderSeq = 0;
  const orderRows: OrderRow[] = [];
  const itemOf = new Map<string, { teamId: number; good: (typeof goods)[number] }>();
  const parcelOf = new Map<string, Partial<typeof orderParcels.$inferInsert>>();
  const refundRows: (Omit<typeof refunds.$inferInsert, 'orderId'> & { orderNo: string })[] = [];
  const activityRows: (typeof productActivity.$inferInsert)[] = [];
  const approvals: (typeof productActivity.$inferInsert)[] = [];
  const liveRows: (typeof liveSessions.$inferInsert & { placeId: number })[] = [];
  const liveOrderNos = new Map<number, string[]>();

  function order(team: number, n: number, paidAt: Date, options: { express: boolean; refundedFen?: number }): string {
    const list = goodsOf(team);
    const good = list[n % list.length]!;
    const orderNo = `BSH${String(++orderSeq).padStart(9, '0')}`;
    const customer = customers[orderSeq % customers.length]!;
    orderRows.push({
      orderNo,
      customerId: customer.userId,
      idempotencyKey: randomUUID(),
      requestHash: 'bench',
      status: 'completed',
      deliveryMethod: options.express ? 'express' : 'pickup',
      itemsFen: good.priceFen,
      shippingFen: 0,
      totalFen: good.priceFen,
      paidFen: good.priceFen,
      refundedFen: options.refundedFen === undefined ? 0 : good.priceFen,
      ...(options.express
        ? { recipientName: '压测买家', recipientPhone: '13900000000', areaCode: '440703', province: '广东省', city: '江门市', county: '蓬江区', addressDetail: '建设三路 1 号' }
        : {}),
      expiresAt: at(paidAt, 28),
      paidAt,
      paymentChannel: 'jsapi',
      completedAt: at(paidAt, 5 * 24 * 60),
      createdAt: at(paidAt, -2),
      updatedAt: at(paidAt, 5 * 24 * 60),
    });
    itemOf.set(orderNo, { teamId: team, good });
    return orderNo;
  }

  for (const place of places) {
    const { clockInAt: inAt, clockOutAt: outAt } = place;
    switch (place.post) {
      case 'warehouse': {
        for (let g = 0; g < SHIPPED_PER_PLACE; g++) {
          const pickError = g === 0 && place.index % 5 === 0;
          const shippedAt = at(inAt, 10 * (g + 1));
          const orderNo = order(place.teamId, place.index + g, at(inAt, -(30 + 37 * g)), { express: true, refundedFen: pickError ? 1 : undefined });
          parcelOf.set(orderNo, { carrier: 'ZTO', trackingNo: `ZT${orderSeq}`, shippedAt, shippedBy: place.studentId, shippedShiftId: place.shiftId });
          if (pickError) {
            refundRows.push({
              orderNo,
              refundNo: `BRF${String(orderSeq).padStart(9, '0')}`,
              teamId: place.teamId,
              customerId: orderRows.at(-1)!.customerId,
              status: 'refunded',
              amountFen: orderRows.at(-1)!.totalFen,
              reason: '少件：包裹里少了一件',
              decidedAt: at(shippedAt, 2 * 24 * 60),
              executor: 'demo',
              refundedAt: at(shippedAt, 2 * 24 * 60 + 1),
              createdAt: at(shippedAt, 24 * 60),
            });
          }
        }
        for (let g = 0; g < PICKUPS_PER_PLACE; g++) {
          const orderNo = order(place.teamId, place.index + 7 + g, at(inAt, -(24 * 60 + 13 * g)), { express: false });
          parcelOf.set(orderNo, { readyAt: at(inAt, -12 * 60), pickedUpAt: at(inAt, 20 + 15 * g), pickedUpBy: place.studentId, pickedUpShiftId: place.shiftId });
        }
        break;
      }
      case 'customer_service': {
        for (let g = 0; g < REFUNDS_PER_PLACE; g++) {
          const rejected = g === REFUNDS_PER_PLACE - 1;
          const decidedAt = at(inAt, 8 * (g + 1));
          const orderNo = order(place.teamId, place.index + g, at(inAt, -3 * 24 * 60), { express: true, refundedFen: rejected ? undefined : 1 });
          parcelOf.set(orderNo, { carrier: 'SF', trackingNo: `SF${orderSeq}`, shippedAt: at(inAt, -2 * 24 * 60) });
          refundRows.push({
            orderNo,
            refundNo: `BRF${String(orderSeq).padStart(9, '0')}`,
            teamId: place.teamId,
            customerId: orderRows.at(-1)!.customerId,
            status: rejected ? 'rejected' : 'refunded',
            amountFen: orderRows.at(-1)!.totalFen,
            reason: rejected ? '不想要了' : '商品与描述不符',
            decisionComment: rejected ? '已超出退货期限' : '',
            decidedBy: place.studentId,
            decidedAt,
            decidedShiftId: place.shiftId,
            executor: rejected ? null : 'demo',
            refundedAt: rejected ? null : at(decidedAt, 1),
            createdAt: at(inAt, -(20 + 45 * g)),
          });
        }
        break;
      }
      case 'live_host': {
        liveRows.push({ placeId: place.id, shiftId: place.shiftId, code: `B${place.id.toString(36).toUpperCase().padStart(5, '0')}`, title: '压测直播', startedAt: at(inAt, 5), endedAt: at(outAt, -5), createdBy: place.studentId });
        liveOrderNos.set(
          place.id,
          Array.from({ length: LIVE_ORDERS_PER_PLACE }, (_, g) => {
            const orderNo = order(place.teamId, place.index + g, at(inAt, 10 + 12 * g), { express: true });
            parcelOf.set(orderNo, { carrier: 'YTO', trackingNo: `YT${orderSeq}`, shippedAt: at(outAt, 24 * 60) });
            return orderNo;
          }),
        );
        break;
      }
      default: {
        const list = goodsOf(place.teamId);
        const actions = ['edited', 'price_changed', 'image_added', 'image_added', 'submitted'] as const;
        for (let g = 0; g < ACTIVITY_PER_PLACE; g++) {
          const productId = list[(place.index + g) % list.length]!.productId;
          activityRows.push({ productId, teamId: place.teamId, action: actions[g % actions.length]!, actorId: place.studentId, shiftId: place.shiftId, createdAt: at(inAt, 10 + 15 * g) });
          if (g === ACTIVITY_PER_PLACE - 1 && place.index % 2 === 0) {
            approvals.push({ productId, teamId: place.teamId, action: 'approved', comment: '通过', actorId: personaId('teacher'), createdAt: at(outAt, 24 * 60) });
          }
        }
      }
    }
  }

  const liveIds = new Map<number, number>();
  await inChunks(liveRows, async (chunk) => {
    const rows = await db
      .insert(liveSessions)
      .values(chunk.map(({ placeId: _placeId, ...row }) => row))
      .returning({ id: liveSessions.id });
    rows.forEach((row, n) => liveIds.set(chunk[n]!.placeId, row.id));
  });
  const liveOf = new Map<string, number>();
  for (const [placeId, orderNos] of liveOrderNos) for (const orderNo of orderNos) liveOf.set(orderNo, liveIds.get(placeId)!);

  const orderIds = new Map<string, number>();
  await inChunks(orderRows, async (chunk) => {
    const rows = await db
      .insert(orders)
      .values(chunk.map((row) => ({ ...row, liveSessionId: liveOf.get(row.orderNo) ?? null })))
      .returning({ id: orders.id, orderNo: orders.orderNo });
    for (const row of rows) orderIds.set(row.orderNo, row.id);
  });
  await inChunks(orderRows, (chunk) =>
    db.insert(orderItems).values(
      chunk.map((row) => {
        const { teamId: team, good } = itemOf.get(row.orderNo)!;
        return {
          orderId: orderIds.get(row.orderNo)!,
          skuId: good.skuId,
          productId: good.productId,
          teamId: team,
          title: good.title,
          skuCode: good.code,
          unitPriceFen: good.priceFen,
          quantity: 1,
          lineFen: good.priceFen,
          refundedQuantity: row.refundedFen ? 1 : 0,
        };
      }),
    ),
  );
  await inChunks(orderRows, (chunk) =>
    db.insert(orderParcels).values(chunk.map((row) => ({ orderId: orderIds.get(row.orderNo)!, teamId: itemOf.get(row.orderNo)!.teamId, ...parcelOf.get(row.orderNo) }))),
  );
  await inChunks(refundRows, (chunk) => db.insert(refunds).values(chunk.map(({ orderNo, ...row }) => ({ ...row, orderId: orderIds.get(orderNo)! }))));
  await inChunks(activityRows, (chunk) => db.insert(productActivity).values(chunk));
  await inChunks(approvals, (chunk) => db.insert(productActivity).values(chunk));

  // Evaluations on each post's default rubric: the teacher's side on three places in four, the mentor's on every other.
  const criteria = await db
    .select({ id: schema.rubricCriteria.id, versionId: schema.rubricCriteria.versionId, weight: schema.rubricCriteria.weight, levels: schema.rubricCriteria.levels, post: schema.rubricTemplates.post })
    .from(schema.rubricCriteria)
    .innerJoin(schema.rubricVersions, eq(schema.rubricVersions.id, schema.rubricCriteria.versionId))
    .innerJoin(schema.rubricTemplates, eq(schema.rubricTemplates.id, schema.rubricVersions.templateId))
    .where(eq(schema.rubricTemplates.isDefault, true));
  const teacherOf = new Map([
    [teamId('tiantian-yunying-1'), personaId('teacher')],
    [teamId('feiyi-wenchuang'), personaId('teacher')],
    [teamId('zhibo-daihuo'), personaId('teacher-2')],
    [teamId('yuecai-meishi'), personaId('teacher-2')],
  ]);
  const evaluationRows: (typeof shiftEvaluations.$inferInsert)[] = [];
  for (const place of places) {
    const mine = criteria.filter((criterion) => criterion.post === place.post);
    const scored = (offset: number) => {
      const points = new Map(mine.map((criterion, c) => [criterion.id, criterion.levels[(place.index + c + offset) % 3]!.points]));
      const basis = evaluationBasisPoints(
        mine.map((criterion) => ({ id: criterion.id, weight: criterion.weight, levelPoints: criterion.levels.map((level) => level.points) })),
        points,
      );
      const scores = Object.fromEntries(mine.map((criterion) => [String(criterion.id), { points: points.get(criterion.id)!, comment: '' }]));
      return { rubricVersionId: mine[0]!.versionId, scores, scoreBasisPoints: basis };
    };
    const gradedAt = at(place.endsAt, 2 * 24 * 60);
    if (place.index % 4 !== 0) {
      const draft = place.index % 4 === 3;
      evaluationRows.push({
        assignmentId: place.id,
        evaluatorRole: 'teacher',
        evaluatorId: teacherOf.get(place.teamId)!,
        ...scored(0),
        overallComment: draft ? '' : '完成较好，继续保持',
        status: draft ? 'draft' : 'published',
        publishedAt: draft ? null : gradedAt,
        createdAt: gradedAt,
        updatedAt: gradedAt,
      });
    }
    if (place.index % 2 === 0) {
      evaluationRows.push({
        assignmentId: place.id,
        evaluatorRole: 'mentor',
        evaluatorId: personaId('mentor'),
        ...scored(1),
        status: 'published',
        publishedAt: gradedAt,
        createdAt: gradedAt,
        updatedAt: gradedAt,
      });
    }
  }
  await inChunks(evaluationRows, (chunk) => db.insert(shiftEvaluations).values(chunk));

  // The grading page shown: student-tiantian's latest warehouse place (parcels, pickups, perhaps a pick error).
  const tiantian = personaId('student-tiantian');
  const shown = places.filter((place) => place.studentId === tiantian && place.post === 'warehouse').at(-1) ?? places.find((p) => p.teamId === teamId('tiantian-yunying-1'))!;
  return {
    places: places.length,
    shifts: shiftRows.length,
    students: studentCount,
    orders: orderRows.length,
    refunds: refundRows.length,
    productActivity: activityRows.length + approvals.length,
    liveSessions: liveRows.length,
    evaluations: evaluationRows.length,
    term: `${term.name} (${term.startsOn}–${term.endsOn}, id ${term.id})`,
    studentTiantianPlace: shown.id,
  };
}

/**
 * Every request of `requests` at the same moment, each on its own connection (opened
 * beforehand by a GET /api/health per request, so the burst measures the clocking, not TCP
 * set-up): the burst's total time, req/s over it, the latencies' p50/p99, and non2xx = answers
 * other than 200.
 */
async function burst(name: string, baseUrl: string, requests: readonly { path: string; token: string }[]): Promise<LoadResult & { totalMs: number }> {
  await Promise.all(requests.map(() => fetch(`${baseUrl}/api/health`).then((response) => response.arrayBuffer())));
  const latencies: number[] = [];
  let not200 = 0;
  let errors = 0;
  const begun = performance.now();
  await Promise.all(
    requests.map(async ({ path, token }) => {
      const sent = performance.now();
      try {
        const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
        await response.arrayBuffer();
        if (response.status !== 200) not200++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - sent);
    }),
  );
  const totalMs = Math.round(performance.now() - begun);
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0);
  const requestsPerSec = Math.round(requests.length / (totalMs / 1000));
  return { name, requestsPerSec, p50Ms: percentile(50), p99Ms: percentile(99), non2xx: not200, errors, rounds: [requestsPerSec], totalMs };
}

export async function benchmarkShifts(options: {
  adminUrl: string;
  load: LoadOptions;
  warmupSec: number;
  rounds: number;
  /** Worked places in the history. */
  places: number;
  /** Students clocking in at once on one shift. */
  students: number;
}): Promise<ShiftsBench> {
  const { rounds, load } = options;
  const name = `qiaodu_bench_shifts_${Date.now()}`;
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(options.adminUrl, name);
  const started: Started[] = [];
  const database = await openDatabase({ databaseUrl: url, dataDir: tmpdir() });
  try {
    await migrateDatabase(database);
    await seedDemoData(database.db);
    const db = database.db;
    await ensureDefaultRubrics(db);
    const history = await insertHistory(db, options.places);
    const [tiantianTeam] = await db.select({ id: teams.id }).from(teams).where(eq(teams.slug, 'tiantian-yunying-1'));
    const teamId = tiantianTeam!.id;
    const [term] = await db.select({ id: terms.id }).from(terms).limit(1);
    const contenders = await createStudents(db, teamId, 'warehouse', options.students, '压测签到同学');
    const [teacherRow] = await db.select({ id: users.id }).from(users).where(eq(users.persona, 'teacher'));

    const bare = await startNodeProcess('tests/bench/bare-koa.ts', {}, '/');
    started.push(bare);
    const server = await startNodeProcess(
      'server/src/main.ts',
      { DATABASE_URL: url, LOG_LEVEL: 'error', DEMO_SEED: 'false', STOREFRONT_DIST: 'none' },
      '/api/health',
    );
    started.push(server);
    const teacher = await loginAs(server.baseUrl, 'teacher');
    const student = await loginAs(server.baseUrl, 'student-tiantian');
    const as = (token: string) => ({ ...load, headers: { ...load.headers, authorization: `Bearer ${token}` } });

    const placeUrl = `${server.baseUrl}/api/console/grading/places/${history.studentTiantianPlace}`;
    const shown = await fetch(placeUrl, { headers: { authorization: `Bearer ${teacher}` } });
    if (shown.status !== 200) throw new Error(`grading page: ${shown.status} ${await shown.text()}`);
    const view = (await shown.json()) as { shift: { post: Post }; evidence: { groups: unknown[] } };

    const targets = [
      { key: 'bare', name: 'bare Koa hello-world', url: `${bare.baseUrl}/`, options: load },
      { key: 'health', name: 'GET /api/health', url: `${server.baseUrl}/api/health`, options: load },
      { key: 'queue', name: 'grading queue (teacher)', url: `${server.baseUrl}/api/console/grading/queue`, options: as(teacher) },
      { key: 'place', name: 'grading page + evidence', url: placeUrl, options: as(teacher) },
      { key: 'myShift', name: 'GET /api/console/my-shift', url: `${server.baseUrl}/api/console/my-shift`, options: as(student) },
      {
        key: 'termSummary',
        name: 'term summary (tiantian)',
        url: `${server.baseUrl}/api/console/term-summary?termId=${term!.id}&teamId=${teamId}`,
        options: as(teacher),
      },
    ] as const;
    for (const target of targets) await measure(`warm-up ${target.name}`, target.url, { ...target.options, durationSec: options.warmupSec });
    const runs = new Map<string, LoadResult[]>(targets.map((target) => [target.key, []]));
    for (let round = 0; round < rounds; round++) {
      for (const target of targets) runs.get(target.key)!.push(await measure(target.name, target.url, target.options));
    }

    // Clock-in contention: a fresh shift per round (one to warm up), started a minute ago, every contender placed on it.
    const contentionShifts: number[] = [];
    const clockIns: (LoadResult & { totalMs: number })[] = [];
    const clockOuts: (LoadResult & { totalMs: number })[] = [];
    for (let round = 0; round <= rounds; round++) {
      const now = new Date();
      const [shift] = await db
        .insert(shifts)
        .values({
          teamId,
          post: 'warehouse',
          startsAt: at(now, -1),
          endsAt: at(now, 119),
          capacity: options.students,
          status: 'published',
          note: '压测：同时签到',
          createdBy: teacherRow!.id,
        })
        .returning({ id: shifts.id });
      contentionShifts.push(shift!.id);
      const placed = await db
        .insert(shiftAssignments)
        .values(contenders.map((c) => ({ shiftId: shift!.id, studentId: c.userId, source: 'assigned' as const, assignedBy: teacherRow!.id })))
        .returning({ id: shiftAssignments.id, studentId: shiftAssignments.studentId });
      const tokenOf = new Map(contenders.map((c) => [c.userId, c.token]));
      const calls = (action: string) => placed.map((p) => ({ path: `/api/console/shift-places/${p.id}/${action}`, token: tokenOf.get(p.studentId)! }));
      const clockIn = await burst(`clock-in: ${options.students} at once`, server.baseUrl, calls('clock-in'));
      const clockOut = await burst(`clock-out: ${options.students} at once`, server.baseUrl, calls('clock-out'));
      if (round > 0) {
        clockIns.push(clockIn);
        clockOuts.push(clockOut);
      }
    }

    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const ids = contenders.map((c) => c.userId);
      const perShift = await sql<{ places: number; completed: number }[]>`
        select count(*)::int as places, count(*) filter (where status = 'completed' and clock_in_at is not null and clock_out_at >= clock_in_at)::int as completed
        from shift_assignments where shift_id = any(${contentionShifts}) group by shift_id`;
      const [check] = await sql<{ still: number; overlapping: number }[]>`
        select
          (select count(*)::int from shift_assignments where student_id = any(${ids}) and clock_in_at is not null and clock_out_at is null) as still,
          (select count(*)::int from shift_assignments a join shift_assignments b on b.student_id = a.student_id and b.id > a.id
            where a.student_id = any(${ids}) and a.clock_in_at is not null and b.clock_in_at is not null
              and a.clock_in_at < coalesce(b.clock_out_at, 'infinity') and b.clock_in_at < coalesce(a.clock_out_at, 'infinity')) as overlapping`;
      const shiftsExact = perShift.filter((row) => row.places === options.students && row.completed === options.students).length;
      const books = {
        rounds: contentionShifts.length,
        shiftsExact,
        places: perShift.reduce((sum, row) => sum + row.places, 0),
        completed: perShift.reduce((sum, row) => sum + row.completed, 0),
        stillClockedIn: check!.still,
        overlapping: check!.overlapping,
        consistent: shiftsExact === contentionShifts.length && check!.still === 0 && check!.overlapping === 0,
      };
      const { studentTiantianPlace: _shown, ...historyFigures } = history;
      return {
        history: historyFigures,
        students: options.students,
        bare: medianRun(runs.get('bare')!),
        health: medianRun(runs.get('health')!),
        queue: medianRun(runs.get('queue')!),
        place: medianRun(runs.get('place')!),
        myShift: medianRun(runs.get('myShift')!),
        termSummary: medianRun(runs.get('termSummary')!),
        clockIn: medianRun(clockIns),
        clockOut: medianRun(clockOuts),
        placeShown: { assignmentId: history.studentTiantianPlace, post: view.shift.post, evidenceGroups: view.evidence.groups.length },
        books,
      };
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await Promise.all(started.map((process) => process.stop()));
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}
