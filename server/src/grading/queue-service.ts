import type { Db } from '@qiaodu/db';
import { GRADE_STATUS_LABELS, addDays, atLocal, type GradeStatus, type GradingQueue, type Post } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { decide, evaluatorRoleFor, gradingScope } from '../policy/policy';
import { toPlaceShift } from './mapper';
import { listQueue } from './queue-repository';

interface QueueQuery {
  status?: GradeStatus;
  teamId?: number;
  post?: Post;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** 评分 queue: a teacher's supervised teams, a mentor's partner's teams, an admin's all; never a student's. */
export function createQueueService({ db }: { db: Db }) {
  return {
    async list(actor: Actor, query: QueueQuery): Promise<GradingQueue> {
      const scope = gradingScope(actor);
      if (scope !== 'all' && scope.size === 0) throw new AppError('FORBIDDEN');
      const scopeIds = scope === 'all' ? 'all' : [...scope];
      const { rows, total } = await listQueue(db, {
        scope: scopeIds,
        teacherTeamIds: scopeIds === 'all' ? 'all' : scopeIds.filter((teamId) => evaluatorRoleFor(actor, teamId) === 'teacher'),
        status: query.status,
        teamId: query.teamId,
        post: query.post,
        // Local dates, the end inclusive: a shift starting any time on `to` is in.
        from: query.from ? atLocal(query.from, 0) : undefined,
        until: query.to ? atLocal(addDays(query.to, 1), 0) : undefined,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return {
        items: rows.map((row) => ({
          assignmentId: row.assignmentId,
          student: { id: row.studentId, name: row.studentName },
          shift: toPlaceShift(row),
          placeStatus: row.placeStatus,
          myRole: row.myRole,
          status: row.status,
          statusLabel: GRADE_STATUS_LABELS[row.status],
          scoreBasisPoints: row.scoreBasisPoints,
        })),
        can: {
          manageRubrics: decide(actor, 'rubric.manage') === 'allow',
          viewReports: decide(actor, 'reports.view') === 'allow',
          editSettings: decide(actor, 'shift.settings') === 'allow',
        },
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  };
}
