import { ROUTES } from '@qiaodu/shared';
import type {
  CreateRubricBody,
  EndpointQuery,
  Endpoints,
  EvaluatorRole,
  GradingQueue,
  MyShiftGradeList,
  Post,
  RubricDetail,
  RubricList,
  SaveEvaluationBody,
  ShiftGradingView,
  UpdateRubricBody,
} from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

/** 评分: the grading queue, a place's grading page, rubrics, and a student's own grades. */

export type GradingQueueQuery = EndpointQuery<Endpoints['getGradingQueue']>;

export function getGradingQueue(query: GradingQueueQuery, options: CallOptions = {}): Promise<GradingQueue> {
  const { method, path } = ROUTES.getGradingQueue;
  return request<GradingQueue>(method, path, { ...options, query: { ...query } });
}

/** `side`: admins only (can.chooseSide), to open the other side of 双导师. */
export function getShiftGrading(assignmentId: number, options: CallOptions & { side?: EvaluatorRole } = {}): Promise<ShiftGradingView> {
  const { method, path } = ROUTES.getShiftGrading;
  const { side, ...call } = options;
  return request<ShiftGradingView>(method, path, { ...call, params: { assignmentId }, query: side ? { side } : {} });
}

export function saveShiftEvaluation(assignmentId: number, body: SaveEvaluationBody): Promise<ShiftGradingView> {
  const { method, path } = ROUTES.saveShiftEvaluation;
  return request<ShiftGradingView>(method, path, { params: { assignmentId }, body });
}

export function publishShiftEvaluation(assignmentId: number): Promise<ShiftGradingView> {
  const { method, path } = ROUTES.publishShiftEvaluation;
  return request<ShiftGradingView>(method, path, { params: { assignmentId } });
}

export function listRubrics(query: { post?: Post; includeArchived?: 'true' } = {}, options: CallOptions = {}): Promise<RubricList> {
  const { method, path } = ROUTES.listRubrics;
  return request<RubricList>(method, path, { ...options, query: { ...query } });
}

export function getRubric(rubricId: number, options: CallOptions = {}): Promise<RubricDetail> {
  const { method, path } = ROUTES.getRubric;
  return request<RubricDetail>(method, path, { ...options, params: { rubricId } });
}

export function createRubric(body: CreateRubricBody): Promise<RubricDetail> {
  const { method, path } = ROUTES.createRubric;
  return request<RubricDetail>(method, path, { body });
}

export function updateRubric(rubricId: number, body: UpdateRubricBody): Promise<RubricDetail> {
  const { method, path } = ROUTES.updateRubric;
  return request<RubricDetail>(method, path, { params: { rubricId }, body });
}

export function setDefaultRubric(rubricId: number): Promise<RubricDetail> {
  const { method, path } = ROUTES.setDefaultRubric;
  return request<RubricDetail>(method, path, { params: { rubricId } });
}

export function archiveRubric(rubricId: number): Promise<RubricDetail> {
  const { method, path } = ROUTES.archiveRubric;
  return request<RubricDetail>(method, path, { params: { rubricId } });
}

export function listMyShiftGrades(options: CallOptions = {}): Promise<MyShiftGradeList> {
  const { method, path } = ROUTES.listMyShiftGrades;
  return request<MyShiftGradeList>(method, path, { ...options });
}
