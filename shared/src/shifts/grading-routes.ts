import type { Route } from '../routes';

/** Method and path of the shift grading endpoints (zod-free: the storefront calls through these). */
export const GRADING_ROUTES = {
  listRubrics: { method: 'get', path: '/api/console/grading/rubrics' },
  createRubric: { method: 'post', path: '/api/console/grading/rubrics' },
  getRubric: { method: 'get', path: '/api/console/grading/rubrics/:rubricId' },
  updateRubric: { method: 'put', path: '/api/console/grading/rubrics/:rubricId' },
  setDefaultRubric: { method: 'post', path: '/api/console/grading/rubrics/:rubricId/default' },
  archiveRubric: { method: 'post', path: '/api/console/grading/rubrics/:rubricId/archive' },
  getGradingQueue: { method: 'get', path: '/api/console/grading/queue' },
  getShiftGrading: { method: 'get', path: '/api/console/grading/places/:assignmentId' },
  saveShiftEvaluation: { method: 'put', path: '/api/console/grading/places/:assignmentId/evaluation' },
  publishShiftEvaluation: { method: 'post', path: '/api/console/grading/places/:assignmentId/evaluation/publish' },
  closeTerm: { method: 'post', path: '/api/console/terms/:termId/close' },
  listMyShiftGrades: { method: 'get', path: '/api/me/shift-grades' },
} as const satisfies Record<string, Route>;
