import { z } from 'zod';
import { POSTS } from '../account-enums';
import { PAGE_QUERY_FIELDS } from '../product-console';
import { Id, QueryBoolean, textRule, Timestamp } from '../primitives';
import { ASSIGNMENT_STATUSES, EVALUATOR_ROLES, GRADE_STATUSES } from '../shift-enums';
import { lengthProblem } from '../text-rules';
import { EVIDENCE_FIGURE_KEYS, EVIDENCE_GROUPS, EVIDENCE_UNITS } from './evidence-figures';
import { GRADE_CHANGE_REASON_MAX, GRADING_COMMENT_MAX, GRADING_OVERALL_COMMENT_MAX } from './grading-limits';
import { isLocalDate } from './local-time';
import {
  RUBRIC_CRITERIA_MAX,
  RUBRIC_CRITERION_NAME_MAX,
  RUBRIC_LEVEL_LABEL_MAX,
  RUBRIC_LEVELS_MAX,
  RUBRIC_NAME_MAX,
  RUBRIC_TEXT_MAX,
  rubricCriteriaProblem,
} from './rubric-rules';

/** Request and response schemas of the shift grading endpoints: rubrics, evidence, evaluations, terms. */

const bounded = (label: string, min: number, max: number) =>
  textRule((text) => lengthProblem(text, label, min, max), { missing: `请填写${label}` });
const optionalText = (label: string, max: number) => bounded(label, 0, max).default('');

export { GRADE_CHANGE_REASON_MAX, GRADING_COMMENT_MAX, GRADING_OVERALL_COMMENT_MAX } from './grading-limits';

// ---- Rubrics ----

export const RubricLevel = z.object({
  points: z.number({ error: '等级分值必须是整数' }),
  label: z.string(),
  descriptor: z.string(),
});
export type RubricLevel = z.infer<typeof RubricLevel>;

const RubricLevelInput = z.strictObject({
  points: z.number({ error: '等级分值必须是整数' }),
  label: bounded('等级名称', 1, RUBRIC_LEVEL_LABEL_MAX),
  descriptor: optionalText('等级说明', RUBRIC_TEXT_MAX),
});

const RubricCriterionInput = z.strictObject({
  name: bounded('评分项名称', 1, RUBRIC_CRITERION_NAME_MAX),
  description: optionalText('评分项说明', RUBRIC_TEXT_MAX),
  weight: z.number({ error: '权重必须是正整数' }),
  levels: z.array(RubricLevelInput, { error: '请填写等级' }).max(RUBRIC_LEVELS_MAX + 1),
});

/** The criteria of a new version; the rules (rubric-rules.ts) run on the whole list. */
const CriteriaInput = z
  .array(RubricCriterionInput, { error: '请填写评分项' })
  .max(RUBRIC_CRITERIA_MAX + 1)
  .superRefine((criteria, ctx) => {
    const problem = rubricCriteriaProblem(criteria);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const CreateRubricBody = z.strictObject({
  post: z.enum(POSTS, { error: '岗位不正确' }),
  name: bounded('量表名称', 1, RUBRIC_NAME_MAX),
  criteria: CriteriaInput,
});
export type CreateRubricBody = z.input<typeof CreateRubricBody>;

/** Editing makes a new version: evaluations keep the version they were graded with. */
export const UpdateRubricBody = z.strictObject({
  name: bounded('量表名称', 1, RUBRIC_NAME_MAX),
  criteria: CriteriaInput,
});
export type UpdateRubricBody = z.input<typeof UpdateRubricBody>;

export const RubricParams = z.object({ rubricId: Id });
export const RubricListQuery = z.strictObject({
  post: z.enum(POSTS, { error: '岗位不正确' }).optional(),
  includeArchived: QueryBoolean.optional(),
});

export const RubricCriterion = z.object({
  id: Id,
  position: z.number().int(),
  name: z.string(),
  description: z.string(),
  weight: z.number().int(),
  levels: z.array(RubricLevel),
});
export type RubricCriterion = z.infer<typeof RubricCriterion>;

export const RubricVersionView = z.object({
  id: Id,
  version: z.number().int(),
  createdAt: Timestamp,
  criteria: z.array(RubricCriterion),
});
export type RubricVersionView = z.infer<typeof RubricVersionView>;

export const RubricSummary = z.object({
  id: Id,
  post: z.enum(POSTS),
  name: z.string(),
  isDefault: z.boolean(),
  archived: z.boolean(),
  latestVersion: z.number().int(),
  criteriaCount: z.number().int(),
  /** Versions evaluations were graded with: editing leaves them as they are. */
  usedByEvaluations: z.number().int(),
  updatedAt: Timestamp,
});
export type RubricSummary = z.infer<typeof RubricSummary>;

export const RubricList = z.object({ items: z.array(RubricSummary) });
export type RubricList = z.infer<typeof RubricList>;

export const RubricDetail = RubricSummary.extend({ current: RubricVersionView });
export type RubricDetail = z.infer<typeof RubricDetail>;

// ---- Evidence ----

export const EvidenceFigure = z.object({
  key: z.enum(EVIDENCE_FIGURE_KEYS),
  label: z.string(),
  unit: z.enum(EVIDENCE_UNITS),
  /** Null when there is nothing to measure (a median of no parcels). */
  value: z.number().int().nullable(),
});
export type EvidenceFigure = z.infer<typeof EvidenceFigure>;

export const EvidenceGroup = z.object({
  key: z.enum(EVIDENCE_GROUPS),
  title: z.string(),
  figures: z.array(EvidenceFigure),
});
export type EvidenceGroup = z.infer<typeof EvidenceGroup>;

/** A place's evidence: the post's headline figures, then every group that has data (attendance always). */
export const ShiftEvidence = z.object({
  headline: z.array(EvidenceFigure),
  groups: z.array(EvidenceGroup),
});
export type ShiftEvidence = z.infer<typeof ShiftEvidence>;

// ---- Evaluations ----

export const PlaceParams = z.object({ assignmentId: Id });

export const EvaluationScore = z.object({
  criterionId: Id,
  criterionName: z.string(),
  points: z.number().int(),
  maxPoints: z.number().int(),
  levelLabel: z.string(),
  comment: z.string(),
});
export type EvaluationScore = z.infer<typeof EvaluationScore>;

export const EvaluationView = z.object({
  id: Id,
  role: z.enum(EVALUATOR_ROLES),
  roleLabel: z.string(),
  evaluatorName: z.string().nullable(),
  status: z.enum(GRADE_STATUSES),
  statusLabel: z.string(),
  rubricVersionId: Id,
  scores: z.array(EvaluationScore),
  overallComment: z.string(),
  scoreBasisPoints: z.number().int().nullable(),
  publishedAt: Timestamp.nullable(),
  lockedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
});
export type EvaluationView = z.infer<typeof EvaluationView>;

export const ShiftFinalGrade = z.object({
  /** Both sides published: the weighted grade; one side: that side's score (partial); none: null. */
  basisPoints: z.number().int().nullable(),
  partial: z.boolean(),
  weights: z.object({ teacher: z.number().int(), mentor: z.number().int() }),
});
export type ShiftFinalGrade = z.infer<typeof ShiftFinalGrade>;

export const PlaceShift = z.object({
  id: Id,
  teamId: Id,
  teamName: z.string(),
  post: z.enum(POSTS),
  startsAt: Timestamp,
  endsAt: Timestamp,
});
export type PlaceShift = z.infer<typeof PlaceShift>;

export const ShiftGradingView = z.object({
  place: z.object({
    assignmentId: Id,
    status: z.enum(ASSIGNMENT_STATUSES),
    clockInAt: Timestamp.nullable(),
    clockOutAt: Timestamp.nullable(),
    late: z.boolean(),
    autoClosed: z.boolean(),
    /** Completed or auto-closed: only those are graded. */
    gradable: z.boolean(),
  }),
  student: z.object({ id: Id, name: z.string() }),
  shift: PlaceShift,
  evidence: ShiftEvidence,
  /** The caller's side of 双导师 for this team. */
  myRole: z.enum(EVALUATOR_ROLES),
  /** My evaluation's version if I have one, else the post's default rubric's latest; null if the post has none. */
  rubric: z
    .object({ templateId: Id, name: z.string(), versionId: Id, version: z.number().int(), criteria: z.array(RubricCriterion) })
    .nullable(),
  /** Mine in any status; the other side's only once published. */
  evaluations: z.object({ teacher: EvaluationView.nullable(), mentor: EvaluationView.nullable() }),
  finalGrade: ShiftFinalGrade,
  /** chooseSide: an admin may open and write either side (query/body `side`). */
  can: z.object({ save: z.boolean(), publish: z.boolean(), amendLocked: z.boolean(), chooseSide: z.boolean() }),
});
export type ShiftGradingView = z.infer<typeof ShiftGradingView>;

const SideChoice = z.enum(EVALUATOR_ROLES, { error: '评分方只能是校内导师或企业导师' });

/** Admins only: which side of the place to show (an admin is on the teacher side otherwise). */
export const ShiftGradingQuery = z.strictObject({ side: SideChoice.optional() });

export const SaveEvaluationBody = z.strictObject({
  scores: z
    .array(
      z.strictObject({
        criterionId: Id,
        points: z.number({ error: '等级分值必须是整数' }).int({ error: '等级分值必须是整数' }),
        comment: optionalText('评语', GRADING_COMMENT_MAX),
      }),
      { error: '请为每个评分项选择等级' },
    )
    .min(1, { error: '请为每个评分项选择等级' })
    .max(RUBRIC_CRITERIA_MAX),
  overallComment: optionalText('总评', GRADING_OVERALL_COMMENT_MAX),
  /** Required when an admin changes a locked grade; kept in the grade's history. */
  reason: optionalText('修改原因', GRADE_CHANGE_REASON_MAX),
  /** Admins only: the side to write (an admin is on the teacher side otherwise); anyone else sending it is refused. */
  side: SideChoice.optional(),
});
export type SaveEvaluationBody = z.input<typeof SaveEvaluationBody>;

// ---- Queue ----

const LocalDateQuery = z.string().refine(isLocalDate, { error: '日期格式应为 YYYY-MM-DD' });

export const GradingQueueQuery = z
  .strictObject({
    status: z.enum(GRADE_STATUSES, { error: '评分状态不正确' }).optional(),
    teamId: Id.optional(),
    post: z.enum(POSTS, { error: '岗位不正确' }).optional(),
    from: LocalDateQuery.optional(),
    to: LocalDateQuery.optional(),
    ...PAGE_QUERY_FIELDS,
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { error: '开始日期不能晚于结束日期' });

export const GradingQueueItem = z.object({
  assignmentId: Id,
  student: z.object({ id: Id, name: z.string() }),
  shift: PlaceShift,
  placeStatus: z.enum(ASSIGNMENT_STATUSES),
  myRole: z.enum(EVALUATOR_ROLES),
  /** My side's evaluation: pending when I have not saved one. */
  status: z.enum(GRADE_STATUSES),
  statusLabel: z.string(),
  scoreBasisPoints: z.number().int().nullable(),
});
export type GradingQueueItem = z.infer<typeof GradingQueueItem>;

export const GradingQueue = z.object({
  items: z.array(GradingQueueItem),
  /** Which of the other grading pages the caller may use (rubrics, term reports, settings). */
  can: z.object({ manageRubrics: z.boolean(), viewReports: z.boolean(), editSettings: z.boolean() }),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type GradingQueue = z.infer<typeof GradingQueue>;

// ---- Terms ----

export const CloseTermParams = z.object({ termId: Id });

export const TermCloseResult = z.object({
  termId: Id,
  name: z.string(),
  closedAt: Timestamp,
  /** Published evaluations locked now. */
  lockedCount: z.number().int(),
  /** Drafts left unpublished: they stay drafts, the student never sees them. */
  unpublishedCount: z.number().int(),
});
export type TermCloseResult = z.infer<typeof TermCloseResult>;

// ---- The student's grades ----

export const MyShiftGrade = z.object({
  assignmentId: Id,
  shift: PlaceShift,
  evaluations: z.object({ teacher: EvaluationView.nullable(), mentor: EvaluationView.nullable() }),
  finalGrade: ShiftFinalGrade,
});
export type MyShiftGrade = z.infer<typeof MyShiftGrade>;

export const MyShiftGradeList = z.object({ items: z.array(MyShiftGrade) });
export type MyShiftGradeList = z.infer<typeof MyShiftGradeList>;
