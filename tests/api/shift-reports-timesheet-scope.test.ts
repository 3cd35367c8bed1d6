import type { TimesheetList, TimesheetRow } from '@qiaodu/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { personaClient } from '../support/auth';
import { manualClock } from '../support/clock';
import { teamIdOf, userIdOf } from '../support/inventory';
import { insertPlace, insertShift } from '../support/reports-shifts';

/**
 * Who approves a month: the teams a student worked for that month (from the places, not today's
 * memberships) must all be the approver's; and places on shifts never published are not work,
 * so they keep no month open. May 2031, far from the demo data; the clock is after the month.
 */
const clock = manualClock(new Date('2031-06-02T02:00:00Z'));
const fixture = useSeededApp({ overrides: { clock: clock.now, orderJobTimer: false } });
const db = () => fixture.testDb.database.db;
const { send } = personaClient(() => fixture.app.baseUrl);

const MONTH = '2031-05';
const list = (persona: string) => send<TimesheetList>(persona, 'GET', `/api/console/timesheets?month=${MONTH}`);
const approve = (persona: string, studentId: number) => send<TimesheetRow>(persona, 'POST', `/api/console/timesheets/${MONTH}/students/${studentId}/approve`);

/** student-zhibo (teacher-2's team) also worked a shift for tiantian (teacher's team). */
let zhiboStudent: number;
/** student-feiyi (teacher's team) worked only for zhibo-daihuo (teacher-2's) this month. */
let feiyiStudent: number;
/** student-yuecai (teacher-2's) worked once, and holds places on a draft and a cancelled shift. */
let yuecaiStudent: number;

beforeAll(async () => {
  const tiantian = await teamIdOf(db(), 'tiantian-yunying-1');
  const zhibo = await teamIdOf(db(), 'zhibo-daihuo');
  const yuecai = await teamIdOf(db(), 'yuecai-meishi');
  zhiboStudent = await userIdOf(db(), 'student-zhibo');
  feiyiStudent = await userIdOf(db(), 'student-feiyi');
  yuecaiStudent = await userIdOf(db(), 'student-yuecai');
  const worked = async (teamId: number, studentId: number, day: string) => {
    const shiftId = await insertShift(db(), { teamId, post: 'warehouse', starts: `${day} 14:00`, ends: `${day} 16:00` });
    await insertPlace(db(), { shiftId, studentId, status: 'completed', clockIn: `${day} 14:00`, clockOut: `${day} 16:00` });
  };
  await worked(zhibo, zhiboStudent, '2031-05-06');
  await worked(tiantian, zhiboStudent, '2031-05-07');
  await worked(zhibo, feiyiStudent, '2031-05-08');
  await worked(yuecai, yuecaiStudent, '2031-05-09');
  for (const status of ['draft', 'cancelled'] as const) {
    const shiftId = await insertShift(db(), { teamId: yuecai, post: 'customer_service', starts: '2031-05-20 14:00', ends: '2031-05-20 16:00', status });
    await insertPlace(db(), { shiftId, studentId: yuecaiStudent, status: 'scheduled' });
  }
});

describe('timesheet approval scope', () => {
  it('should refuse a teacher who supervises only some of the teams the student worked for, changing nothing', async () => {
    for (const persona of ['teacher', 'teacher-2']) {
      const refused = await approve(persona, zhiboStudent);
      expect(refused.status).toBe(403);
      expect(refused.body.error?.code).toBe('TIMESHEET_SCOPE');
      expect(refused.body.error?.message).toContain('督导');
      expect((await list(persona)).body.rows.find((row) => row.studentId === zhiboStudent)).toMatchObject({ status: 'draft', can: { approve: false } });
    }
    const admin = await approve('admin', zhiboStudent);
    expect(admin.status).toBe(200);
    expect(admin.body).toMatchObject({ status: 'approved', minutes: 240 });
  });

  it('should let the teacher of the team the student worked for approve, not the teacher of their current team', async () => {
    const hidden = await approve('teacher', feiyiStudent);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error?.code).toBe('TIMESHEET_STUDENT_NOT_FOUND');
    expect((await list('teacher-2')).body.rows.find((row) => row.studentId === feiyiStudent)?.can.approve).toBe(true);
    const approved = await approve('teacher-2', feiyiStudent);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', minutes: 120 });
  });

  it('should not hold a month open for places on draft or cancelled shifts', async () => {
    const approved = await approve('teacher-2', yuecaiStudent);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', minutes: 120 });
  });
});
