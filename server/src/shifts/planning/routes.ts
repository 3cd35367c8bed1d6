import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../../http/route';
import type { ShiftDeps } from '../deps';
import { createMyShiftService } from './my-service';
import { createPlaceService } from './place-service';
import { createScheduleService } from './schedule-service';
import { createSwapService } from './swap-service';
import { createTemplateService } from './template-service';

/**
 * Shift planning: templates, schedule weeks, one-off shifts, sign-up, assigning, swaps,
 * availability. The mounter has asked the policy about each endpoint's access for the team in
 * the path; the services scope every id to that team (another team's id is a 404).
 */
export function mountShiftPlanningRoutes(mount: RouteMounter, deps: ShiftDeps): void {
  const templates = createTemplateService(deps);
  const schedule = createScheduleService(deps);
  const places = createPlaceService(deps);
  const swaps = createSwapService(deps);
  const mine = createMyShiftService(deps);
  const created = { created: true };

  mount(endpoints.listShiftTemplates, ({ params, query }) => templates.list(params.teamId, query.includeRetired === 'true'));
  mount(endpoints.createShiftTemplate, ({ actor, params, body }) => templates.create(actor, params.teamId, body), created);
  mount(endpoints.updateShiftTemplate, ({ params, body }) => templates.update(params.teamId, params.templateId, body));
  mount(endpoints.retireShiftTemplate, ({ params }) => templates.retire(params.teamId, params.templateId));

  mount(endpoints.getScheduleWeek, ({ actor, params }) => schedule.getWeek(actor, params.teamId, params.weekStart));
  mount(endpoints.generateScheduleWeek, ({ actor, params, body }) => schedule.generate(actor, params.teamId, params.weekStart, body.openForSignup));
  mount(endpoints.publishScheduleWeek, ({ actor, params }) => schedule.publish(actor, params.teamId, params.weekStart));
  mount(endpoints.createOneOffShift, ({ actor, params, body }) => schedule.createOneOff(actor, params.teamId, body), created);
  mount(endpoints.updatePlannedShift, ({ actor, params, body }) => schedule.update(actor, params.teamId, params.shiftId, body));
  mount(endpoints.cancelPlannedShift, ({ actor, params }) => schedule.cancel(actor, params.teamId, params.shiftId));

  mount(endpoints.listShiftCandidates, ({ actor, params }) => places.candidates(actor, params.teamId, params.shiftId));
  mount(endpoints.signUpForShift, ({ actor, params }) => places.signUp(actor, params.teamId, params.shiftId), created);
  mount(endpoints.withdrawShiftSignup, ({ actor, params }) => places.withdraw(actor, params.teamId, params.shiftId));
  mount(endpoints.assignShiftPlace, ({ actor, params, body }) => places.assign(actor, params.teamId, params.shiftId, body), created);
  mount(endpoints.removeShiftPlace, ({ actor, params }) => places.remove(actor, params.teamId, params.shiftId, params.assignmentId));

  mount(endpoints.requestShiftSwap, ({ actor, params, body }) => swaps.request(actor, params.teamId, body), created);
  mount(endpoints.listTeamSwapRequests, ({ actor, params }) => swaps.listTeam(actor, params.teamId));
  mount(endpoints.acceptShiftSwap, ({ actor, params }) => swaps.accept(actor, params.teamId, params.requestId));
  mount(endpoints.declineShiftSwap, ({ actor, params }) => swaps.decline(actor, params.teamId, params.requestId));
  mount(endpoints.withdrawShiftSwap, ({ actor, params }) => swaps.withdraw(actor, params.teamId, params.requestId));
  mount(endpoints.approveShiftSwap, ({ actor, params, body }) => swaps.approve(actor, params.teamId, params.requestId, body.override));
  mount(endpoints.rejectShiftSwap, ({ actor, params }) => swaps.reject(actor, params.teamId, params.requestId));

  mount(endpoints.getMyShifts, ({ actor }) => mine.myShifts(actor));
  mount(endpoints.listMySwapRequests, ({ actor }) => swaps.listMine(actor));
  mount(endpoints.listMyAvailability, ({ actor }) => mine.listAvailability(actor));
  mount(endpoints.createMyAvailability, ({ actor, body }) => mine.createAvailability(actor, body), created);
  mount(endpoints.deleteMyAvailability, ({ actor, params }) => mine.deleteAvailability(actor, params.declarationId));
}
