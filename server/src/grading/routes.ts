import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import type { ShiftDeps } from '../shifts/deps';
import { createEvaluationService } from './evaluation-service';
import { createMyGradesService } from './my-grades-service';
import { createQueueService } from './queue-service';
import { createRubricService } from './rubric-service';
import { createTermService } from './term-service';

/** Grading: rubrics, shift evidence, teacher and mentor evaluations, publishing and locking. */
export function mountGradingRoutes(mount: RouteMounter, deps: ShiftDeps): void {
  const rubrics = createRubricService(deps);
  const evaluations = createEvaluationService(deps);
  const queue = createQueueService(deps);
  const terms = createTermService(deps);
  const myGrades = createMyGradesService(deps);
  const created = { created: true };

  mount(endpoints.listRubrics, ({ query }) => rubrics.list(query));
  mount(endpoints.createRubric, ({ actor, body }) => rubrics.create(actor, body), created);
  mount(endpoints.getRubric, ({ params }) => rubrics.get(params.rubricId));
  mount(endpoints.updateRubric, ({ actor, params, body }) => rubrics.update(actor, params.rubricId, body));
  mount(endpoints.setDefaultRubric, ({ params }) => rubrics.setDefault(params.rubricId));
  mount(endpoints.archiveRubric, ({ params }) => rubrics.archive(params.rubricId));

  mount(endpoints.getGradingQueue, ({ actor, query }) => queue.list(actor, query));
  mount(endpoints.getShiftGrading, ({ actor, params, query }) => evaluations.view(actor, params.assignmentId, query.side));
  mount(endpoints.saveShiftEvaluation, ({ actor, params, body }) => evaluations.save(actor, params.assignmentId, body));
  mount(endpoints.publishShiftEvaluation, ({ actor, params }) => evaluations.publish(actor, params.assignmentId));

  mount(endpoints.closeTerm, ({ actor, params }) => terms.close(actor, params.termId));
  mount(endpoints.listMyShiftGrades, ({ actor }) => myGrades.list(actor));
}
