import ExcelJS from 'exceljs';
import type { MyShiftHours, ShiftSettings, Term, TermSummary, TimesheetList, TimesheetRow } from '@qiaodu/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { authed, personaClient } from '../support/auth';
import { manualClock } from '../support/clock';
import { teamIdOf, userIdOf } from '../support/inventory';
import { insertEvaluation, insertOrder, insertPlace, insertShift, local, reviewPlace } from '../support/reports-shifts';

/**
 * Hours, pay, monthly timesheets, the term summary and its exports, from a known month of
 * attendance in March 2031 (far from the demo data's shifts): places, evaluations and orders
 * are written straight to the tables the reports read.
 */
const clock = manualClock(new Date('2031-03-20T04:00:00Z'));
const fixture = useSeededApp({ overrides: { clock: clock.now, orderJobTimer: false } });
const db = () => fixture.testDb.database.db;
const { send, tokenOf } = personaClient(() => fixture.app.baseUrl);
const moveClockTo = (iso: string) => clock.advance(Date.parse(iso) - clock.now().getTime());

const MONTH = '2031-03';
let tiantian: number;
let feiyi: number;
let student: number;
let lead: number;
let autoClosedPlace: number;
let term: Term;

beforeAll(async () => {
  tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  feiyi = await teamIdOf(db(), 'feiyi-wenchuang');
  student = await userIdOf(db(), 'student-tiantian');
  lead = await userIdOf(db(), 'lead-tiantian');
  const customer = await userIdOf(db(), 'customer');

  // ¥12.50/h on the warehouse post; store_ops keeps the ¥12.00 default.
  await changeSettings({ payRates: [{ post: 'warehouse', hourlyRateFen: 1250 }] });

  const warehouse = (day: string, capacity = 2) => insertShift(db(), { teamId: tiantian, post: 'warehouse', starts: `${day} 14:00`, ends: `${day} 16:00`, capacity });
  // 1. on time, early in and late out: the whole 120 min.
  const onTime = await insertPlace(db(), { shiftId: await warehouse('2031-03-04'), studentId: student, status: 'completed', clockIn: '2031-03-04 13:55', clockOut: '2031-03-04 16:10' });
  // 2. late and left early: 14:07–15:30 = 83 min.
  const late = await insertPlace(db(), { shiftId: await warehouse('2031-03-06'), studentId: student, status: 'completed', clockIn: '2031-03-06 14:07', clockOut: '2031-03-06 15:30', late: true });
  // 3. absent.
  await insertPlace(db(), { shiftId: await warehouse('2031-03-11'), studentId: student, status: 'no_show' });
  // 4. forgot to clock out; closed by the job at the shift's end, not yet reviewed.
  autoClosedPlace = await insertPlace(db(), { shiftId: await warehouse('2031-03-13'), studentId: student, status: 'auto_closed', clockIn: '2031-03-13 14:00', clockOut: '2031-03-13 16:00' });
  // The lead's store shift: 120 min at ¥12.00.
  const store = await insertShift(db(), { teamId: tiantian, post: 'store_ops', starts: '2031-03-04 10:00', ends: '2031-03-04 12:00' });
  const leadPlace = await insertPlace(db(), { shiftId: store, studentId: lead, status: 'completed', clockIn: '2031-03-04 10:00', clockOut: '2031-03-04 12:00' });
  // Not counted anywhere: a cancelled shift, and a shift of April.
  await insertShift(db(), { teamId: tiantian, post: 'warehouse', starts: '2031-03-05 14:00', ends: '2031-03-05 16:00', capacity: 3, status: 'cancelled' });
  await insertPlace(db(), { shiftId: await warehouse('2031-04-01'), studentId: student, status: 'completed', clockIn: '2031-04-01 14:00', clockOut: '2031-04-01 16:00' });

  // Grades: both sides on place 1 → (8000×50 + 9000×50)/100 = 8500 with the weights set below;
  // only the teacher published on place 2 (the mentor's draft does not count): a partial grade,
  // counted apart and never averaged; the lead's place has only the mentor's side: partial too.
  await insertEvaluation(db(), { assignmentId: onTime, role: 'teacher', basisPoints: 8000, status: 'published' });
  await insertEvaluation(db(), { assignmentId: onTime, role: 'mentor', basisPoints: 9000, status: 'published' });
  await insertEvaluation(db(), { assignmentId: late, role: 'teacher', basisPoints: 7000, status: 'published' });
  await insertEvaluation(db(), { assignmentId: late, role: 'mentor', basisPoints: 1000, status: 'draft' });
  await insertEvaluation(db(), { assignmentId: leadPlace, role: 'mentor', basisPoints: 9500, status: 'locked' });

  // Sales: two orders on 4 March, one at 23:30 on 5 March, one just after midnight (6 March);
  // an unpaid order and another team's order are not tiantian's sales.
  await insertOrder(db(), { teamId: tiantian, customerId: customer, lineFen: 1990, paidAt: local('2031-03-04 10:00') });
  await insertOrder(db(), { teamId: tiantian, customerId: customer, lineFen: 3000, paidAt: local('2031-03-04 20:00') });
  await insertOrder(db(), { teamId: tiantian, customerId: customer, lineFen: 500, paidAt: local('2031-03-05 23:30') });
  await insertOrder(db(), { teamId: tiantian, customerId: customer, lineFen: 700, paidAt: local('2031-03-06 00:30') });
  await insertOrder(db(), { teamId: tiantian, customerId: customer, lineFen: 9900, paidAt: null });
  await insertOrder(db(), { teamId: feiyi, customerId: customer, lineFen: 8800, paidAt: local('2031-03-04 11:00') });

  const created = await send<Term>('admin', 'POST', '/api/console/terms', { name: '2031 三月测试学期', startsOn: '2031-03-01', endsOn: '2031-03-31' });
  expect(created.status).toBe(201);
  term = created.body;
  for (const persona of ['student-tiantian', 'lead-tiantian', 'teacher', 'teacher-2', 'mentor', 'admin']) await tokenOf(persona);
});

/** Saves the admin's settings form with these fields changed. */
async function changeSettings(changes: Record<string, unknown>): Promise<void> {
  const { body } = await send<ShiftSettings>('admin', 'GET', '/api/console/shift-settings');
  const { updatedAt: _updatedAt, updatedByName: _updatedByName, can: _can, ...form } = body;
  expect((await send('admin', 'PUT', '/api/console/shift-settings', { ...form, ...changes })).status).toBe(200);
}

const setWeights = (teacherWeight: number, mentorWeight: number) => changeSettings({ teacherWeight, mentorWeight });

describe('my hours', () => {
  it('should list the month\'s places with minutes and pay rounded per place', async () => {
    const response = await send<MyShiftHours>('student-tiantian', 'GET', `/api/me/shift-hours?month=${MONTH}`);
    expect(response.status).toBe(200);
    const { places } = response.body;
    expect(places.map((place) => [place.status, place.minutes, place.hourlyRateFen, place.payFen, place.awaitingReview])).toEqual([
      ['completed', 120, 1250, 2500, false],
      // 83 × 1250 / 60 = 1729.17 → 1729 fen
      ['completed', 83, 1250, 1729, false],
      ['no_show', 0, 1250, 0, false],
      ['auto_closed', 0, 1250, 0, true],
    ]);
    expect(places[1]?.late).toBe(true);
    expect(response.body).toMatchObject({ month: MONTH, totalMinutes: 203, totalFen: 4229, timesheet: { status: 'draft', minutes: 203, amountFen: 4229 } });
  });

  it('should refuse a malformed month', async () => {
    for (const month of ['2031-3', '2031-13', 'march', '']) {
      const response = await send('student-tiantian', 'GET', `/api/me/shift-hours?month=${month}`);
      expect(response.status).toBe(400);
      expect(response.body.error?.code).toBe('VALIDATION_FAILED');
    }
    expect((await fetch(`${fixture.app.baseUrl}/api/me/shift-hours?month=${MONTH}`)).status).toBe(401);
  });
});

describe('timesheets', () => {
  const list = (persona: string) => send<TimesheetList>(persona, 'GET', `/api/console/timesheets?month=${MONTH}`);
  const approve = (persona: string, studentId: number, month = MONTH) =>
    send<TimesheetRow>(persona, 'POST', `/api/console/timesheets/${month}/students/${studentId}/approve`);

  it('should show the teacher a live draft row per student of their teams', async () => {
    const response = await list('teacher');
    expect(response.status).toBe(200);
    expect(response.body.monthOver).toBe(false);
    const row = response.body.rows.find((entry) => entry.studentId === student);
    expect(row).toMatchObject({ minutes: 203, amountFen: 4229, status: 'draft', unreviewedPlaces: 1, can: { approve: false } });
    expect(response.body.rows.find((entry) => entry.studentId === lead)).toMatchObject({ minutes: 120, amountFen: 2400 });
    // teacher-2 supervises other teams: tiantian's students are not theirs.
    expect((await list('teacher-2')).body.rows.some((entry) => entry.studentId === student)).toBe(false);
  });

  it('should refuse approval before the month is over, while places await review, and by anyone else', async () => {
    const open = await approve('teacher', student);
    expect(open.status).toBe(409);
    expect(open.body.error?.code).toBe('TIMESHEET_MONTH_OPEN');

    moveClockTo('2031-04-02T02:00:00Z');
    const unreviewed = await approve('teacher', student);
    expect(unreviewed.status).toBe(409);
    expect(unreviewed.body.error?.code).toBe('TIMESHEET_UNREVIEWED_PLACES');
    expect(unreviewed.body.error?.message).toContain('03-13 14:00 天天市集运营一组·仓管发货');
    expect(unreviewed.body.error?.details).toEqual({ assignmentIds: [autoClosedPlace] });

    const hidden = await approve('teacher-2', student);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error?.code).toBe('TIMESHEET_STUDENT_NOT_FOUND');
    expect((await approve('mentor', student)).status).toBe(403);
    expect((await approve('student-tiantian', student)).status).toBe(403);
    expect((await approve('teacher', student, '2031-3')).status).toBe(400);
    expect((await list('teacher')).body.rows.find((entry) => entry.studentId === student)?.status).toBe('draft');
  });

  it('should freeze minutes and pay once approved and lock the month', async () => {
    await reviewPlace(db(), autoClosedPlace);
    const approved = await approve('teacher', student);
    expect(approved.status).toBe(200);
    // 120 + 83 + the reviewed auto-closed 120 = 323 min; 2500 + 1729 + 2500 = 6729 fen.
    expect(approved.body).toMatchObject({ studentId: student, minutes: 323, amountFen: 6729, status: 'approved', approvedByName: expect.any(String), can: { approve: false } });

    const again = await approve('admin', student);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('TIMESHEET_APPROVED');

    // A later rate change does not move an approved month; the student sees the frozen figures.
    await changeSettings({ payRates: [{ post: 'warehouse', hourlyRateFen: 2000 }] });
    const mine = await send<MyShiftHours>('student-tiantian', 'GET', `/api/me/shift-hours?month=${MONTH}`);
    expect(mine.body).toMatchObject({ totalMinutes: 323, totalFen: 6729, timesheet: { status: 'approved', minutes: 323, amountFen: 6729 } });
    const row = (await list('teacher')).body.rows.find((entry) => entry.studentId === student);
    expect(row).toMatchObject({ status: 'approved', minutes: 323, amountFen: 6729 });

    await changeSettings({ payRates: [{ post: 'warehouse', hourlyRateFen: 1250 }] });
  });

  it('should approve a month once when two approvers press at the same time', async () => {
    const answers = await Promise.all([approve('teacher', lead), approve('admin', lead)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body.error?.code).toBe('TIMESHEET_APPROVED');
    expect((await list('teacher')).body.rows.find((entry) => entry.studentId === lead)).toMatchObject({ status: 'approved', minutes: 120, amountFen: 2400 });
  });

  it('should export the month as XLSX and CSV, cell by cell', async () => {
    const token = await tokenOf('teacher');
    const xlsx = await fetch(`${fixture.app.baseUrl}/api/console/timesheets/export.xlsx?month=${MONTH}`, authed(token));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(xlsx.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(`工时表-${MONTH}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('工时表')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '学生编号', '姓名', '团队', '月份', '工时(小时)', '时薪(元/小时)', '金额(元)', '状态', '审批人', '审批时间']);
    const rowOf = (id: number) => {
      for (let index = 2; index <= sheet.rowCount; index += 1) if (sheet.getRow(index).getCell(1).value === id) return sheet.getRow(index);
      throw new Error(`no row for ${id}`);
    };
    const studentRow = rowOf(student);
    expect(studentRow.getCell(3).value).toBe('天天市集运营一组');
    expect(studentRow.getCell(4).value).toBe(MONTH);
    // 323 min = 5.38 h; ¥12.50/h; ¥67.29
    expect(studentRow.getCell(5).value).toBe(5.38);
    expect(studentRow.getCell(5).numFmt).toBe('0.00');
    expect(studentRow.getCell(6).value).toBe(12.5);
    expect(studentRow.getCell(7).value).toBe(67.29);
    expect(studentRow.getCell(8).value).toBe('已审批');
    expect(studentRow.getCell(9).value).toEqual(expect.any(String));
    expect(String(studentRow.getCell(10).value)).toMatch(/^2031-04-02 10:00:00$/);
    const leadRow = rowOf(lead);
    expect([leadRow.getCell(5).value, leadRow.getCell(6).value, leadRow.getCell(7).value, leadRow.getCell(8).value]).toEqual([2, 12, 24, '已审批']);

    const csv = await fetch(`${fixture.app.baseUrl}/api/console/timesheets/export.csv?month=${MONTH}`, authed(token));
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe('学生编号,姓名,团队,月份,工时(小时),时薪(元/小时),金额(元),状态,审批人,审批时间');
    const studentLine = lines.find((line) => line.startsWith(`${student},`))!.split(',');
    expect([studentLine[2], studentLine[3], studentLine[4], studentLine[5], studentLine[6], studentLine[7], studentLine[9]]).toEqual([
      '天天市集运营一组',
      MONTH,
      '5.38',
      '12.50',
      '67.29',
      '已审批',
      '2031-04-02 10:00:00',
    ]);
    expect(lines.find((line) => line.startsWith(`${lead},`))!.split(',').slice(4, 8)).toEqual(['2.00', '12.00', '24.00', '已审批']);
    // A student of the teacher's other team with no shifts this month: a zero draft row.
    const feiyiStudent = await userIdOf(db(), 'student-feiyi');
    expect(lines.find((line) => line.startsWith(`${feiyiStudent},`))!.split(',').slice(2)).toEqual(['非遗文创组', MONTH, '0.00', '', '0.00', '待审批', '', '']);

    for (const persona of ['student-tiantian', 'mentor']) {
      expect((await send(persona, 'GET', `/api/console/timesheets/export.csv?month=${MONTH}`)).status).toBe(403);
      expect((await send(persona, 'GET', `/api/console/timesheets?month=${MONTH}`)).status).toBe(403);
    }
  });
});

describe('term summary', () => {
  const summaryPath = (teamId: number, termId = term.id, rest = '') => `/api/console/term-summary${rest}?termId=${termId}&teamId=${teamId}`;

  it('should sum each student\'s term and average only the final grades with the weights, counting partial ones apart', async () => {
    await setWeights(50, 50);
    const response = await send<TermSummary>('teacher', 'GET', summaryPath(tiantian));
    expect(response.status).toBe(200);
    expect(response.body.team.name).toBe('天天市集运营一组');
    expect(response.body.weights).toEqual({ teacher: 50, mentor: 50 });
    const mine = response.body.students.find((entry) => entry.studentId === student);
    // Places 1, 2 and the (now reviewed) auto-closed 4 worked; 3 absent; April's not in the term.
    // Grades: place 1 (8000×50 + 9000×50)/100 = 8500; place 2 teacher alone: partial, not averaged.
    expect(mine).toMatchObject({ shiftsWorked: 3, minutes: 323, lateCount: 1, noShowCount: 1, gradedShifts: 1, partialGrades: 1, averageBasisPoints: 8500 });
    expect(mine?.byPost).toEqual([{ post: 'warehouse', gradedShifts: 1, averageBasisPoints: 8500 }]);
    expect(response.body.students.find((entry) => entry.studentId === lead)).toMatchObject({
      shiftsWorked: 1,
      minutes: 120,
      gradedShifts: 0,
      partialGrades: 1,
      averageBasisPoints: null,
      byPost: [],
    });

    await setWeights(40, 60);
    const reweighted = await send<TermSummary>('teacher', 'GET', summaryPath(tiantian));
    // (8000×40 + 9000×60)/100 = 8600.
    expect(reweighted.body.students.find((entry) => entry.studentId === student)?.averageBasisPoints).toBe(8600);
  });

  it('should chart the team\'s sales and shift coverage per local day of the term', async () => {
    const { body } = await send<TermSummary>('admin', 'GET', summaryPath(tiantian));
    expect(body.salesByDay).toHaveLength(31);
    const day = (date: string) => body.salesByDay.find((entry) => entry.date === date);
    expect(day('2031-03-04')).toEqual({ date: '2031-03-04', gmvFen: 4990, orders: 2 });
    expect(day('2031-03-05')).toEqual({ date: '2031-03-05', gmvFen: 500, orders: 1 });
    expect(day('2031-03-06')).toEqual({ date: '2031-03-06', gmvFen: 700, orders: 1 });
    expect(day('2031-03-07')).toEqual({ date: '2031-03-07', gmvFen: 0, orders: 0 });
    const coverage = (date: string) => body.coverageByDay.find((entry) => entry.date === date);
    // 4 March: the warehouse shift (1 of 2 places) and the store shift (1 of 1).
    expect(coverage('2031-03-04')).toEqual({ date: '2031-03-04', held: 2, capacity: 3 });
    // The cancelled shift of 5 March is not on the schedule.
    expect(coverage('2031-03-05')).toEqual({ date: '2031-03-05', held: 0, capacity: 0 });
    expect(coverage('2031-03-11')).toEqual({ date: '2031-03-11', held: 1, capacity: 2 });
  });

  it('should export term grades as XLSX and CSV, cell by cell', async () => {
    const token = await tokenOf('teacher');
    const xlsx = await fetch(`${fixture.app.baseUrl}${summaryPath(tiantian, term.id, '/export.xlsx')}`, authed(token));
    expect(xlsx.status).toBe(200);
    expect(decodeURIComponent(xlsx.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('学期成绩-2031_三月测试学期-天天市集运营一组.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('学期成绩')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '学生编号', '姓名', '团队', '班次数', '工时(小时)', '迟到次数', '缺勤次数', '已评班次', '部分评分班次', '平均成绩', '分岗位平均成绩']);
    let found = 0;
    sheet.eachRow((row, index) => {
      if (index === 1) return;
      if (row.getCell(1).value === student) {
        found += 1;
        expect((row.values as unknown[]).slice(3)).toEqual(['天天市集运营一组', 3, 5.38, 1, 1, 1, 1, 86, '仓管发货 86.00']);
        expect(row.getCell(10).numFmt).toBe('0.00');
      }
      if (row.getCell(1).value === lead) {
        found += 1;
        // Only the mentor's side: no average, one partial grade marked.
        expect([row.getCell(4).value, row.getCell(5).value, row.getCell(8).value, row.getCell(9).value, row.getCell(10).value]).toEqual([1, 2, 0, 1, null]);
      }
    });
    expect(found).toBe(2);

    const csv = await fetch(`${fixture.app.baseUrl}${summaryPath(tiantian, term.id, '/export.csv')}`, authed(token));
    const text = await csv.text();
    // fetch's text() drops the BOM; the bytes test above proves it is sent.
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('学生编号,姓名,团队,班次数,工时(小时),迟到次数,缺勤次数,已评班次,部分评分班次,平均成绩,分岗位平均成绩');
    expect(lines.find((line) => line.startsWith(`${student},`))!.split(',').slice(2)).toEqual(['天天市集运营一组', '3', '5.38', '1', '1', '1', '1', '86.00', '仓管发货 86.00']);
    expect(lines.find((line) => line.startsWith(`${lead},`))!.split(',').slice(7)).toEqual(['0', '1', '', '']);
  });

  it('should keep other teams\' summaries from teachers and students', async () => {
    const hidden = await send('teacher-2', 'GET', summaryPath(tiantian));
    expect(hidden.status).toBe(404);
    expect(hidden.body.error?.code).toBe('TEAM_NOT_FOUND');
    expect((await send('teacher-2', 'GET', summaryPath(tiantian, term.id, '/export.xlsx'))).status).toBe(404);
    for (const persona of ['student-tiantian', 'lead-tiantian', 'mentor']) {
      const refused = await send(persona, 'GET', summaryPath(tiantian));
      expect(refused.status).toBe(403);
      expect((await send(persona, 'GET', summaryPath(tiantian, term.id, '/export.csv'))).status).toBe(403);
    }
    expect((await send('teacher', 'GET', summaryPath(tiantian, 999999))).body.error?.code).toBe('TERM_NOT_FOUND');
    expect((await send('teacher', 'GET', summaryPath(999999))).body.error?.code).toBe('TEAM_NOT_FOUND');
    expect((await send('teacher', 'GET', '/api/console/term-summary?termId=abc&teamId=1')).status).toBe(400);
  });
});
