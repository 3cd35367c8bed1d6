import { ROUTES } from '@qiaodu/shared';
import type {
  Availability,
  AvailabilityList,
  EndpointBody,
  Endpoints,
  GenerateWeekResult,
  MyShifts,
  MySwapRequests,
  PlaceResult,
  ScheduleWeekView,
  ShiftCandidateList,
  ShiftTemplate,
  ShiftTemplateList,
  ShiftView,
  SwapDecisionResult,
  SwapRequestView,
  TeamSwapRequestList,
} from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

/** 排班 and 我的班次: templates, schedule weeks, places, swap and cover requests, availability. */

export type ShiftTemplateBody = EndpointBody<Endpoints['createShiftTemplate']>;
export type OneOffShiftBody = EndpointBody<Endpoints['createOneOffShift']>;
export type SwapRequestBody = EndpointBody<Endpoints['requestShiftSwap']>;
export type AvailabilityBody = EndpointBody<Endpoints['createMyAvailability']>;

export function getScheduleWeek(teamId: number, weekStart: string, options: CallOptions = {}): Promise<ScheduleWeekView> {
  const { method, path } = ROUTES.getScheduleWeek;
  return request(method, path, { ...options, params: { teamId, weekStart } });
}

export function generateScheduleWeek(teamId: number, weekStart: string, openForSignup: boolean): Promise<GenerateWeekResult> {
  const { method, path } = ROUTES.generateScheduleWeek;
  return request(method, path, { params: { teamId, weekStart }, body: { openForSignup } });
}

export function publishScheduleWeek(teamId: number, weekStart: string): Promise<ScheduleWeekView> {
  const { method, path } = ROUTES.publishScheduleWeek;
  return request(method, path, { params: { teamId, weekStart } });
}

export function listShiftTemplates(teamId: number, options: CallOptions = {}): Promise<ShiftTemplateList> {
  const { method, path } = ROUTES.listShiftTemplates;
  return request(method, path, { ...options, params: { teamId } });
}

export function createShiftTemplate(teamId: number, body: ShiftTemplateBody): Promise<ShiftTemplate> {
  const { method, path } = ROUTES.createShiftTemplate;
  return request(method, path, { params: { teamId }, body });
}

export function retireShiftTemplate(teamId: number, templateId: number): Promise<ShiftTemplate> {
  const { method, path } = ROUTES.retireShiftTemplate;
  return request(method, path, { params: { teamId, templateId } });
}

export function createOneOffShift(teamId: number, body: OneOffShiftBody): Promise<ShiftView> {
  const { method, path } = ROUTES.createOneOffShift;
  return request(method, path, { params: { teamId }, body });
}

export function updatePlannedShift(teamId: number, shiftId: number, body: EndpointBody<Endpoints['updatePlannedShift']>): Promise<ShiftView> {
  const { method, path } = ROUTES.updatePlannedShift;
  return request(method, path, { params: { teamId, shiftId }, body });
}

export function cancelPlannedShift(teamId: number, shiftId: number): Promise<ShiftView> {
  const { method, path } = ROUTES.cancelPlannedShift;
  return request(method, path, { params: { teamId, shiftId } });
}

export function listShiftCandidates(teamId: number, shiftId: number, options: CallOptions = {}): Promise<ShiftCandidateList> {
  const { method, path } = ROUTES.listShiftCandidates;
  return request(method, path, { ...options, params: { teamId, shiftId } });
}

export function signUpForShift(teamId: number, shiftId: number): Promise<PlaceResult> {
  const { method, path } = ROUTES.signUpForShift;
  return request(method, path, { params: { teamId, shiftId } });
}

export function withdrawShiftSignup(teamId: number, shiftId: number): Promise<ShiftView> {
  const { method, path } = ROUTES.withdrawShiftSignup;
  return request(method, path, { params: { teamId, shiftId } });
}

export function assignShiftPlace(teamId: number, shiftId: number, studentId: number, override: boolean): Promise<PlaceResult> {
  const { method, path } = ROUTES.assignShiftPlace;
  return request(method, path, { params: { teamId, shiftId }, body: { studentId, override } });
}

export function removeShiftPlace(teamId: number, shiftId: number, assignmentId: number): Promise<ShiftView> {
  const { method, path } = ROUTES.removeShiftPlace;
  return request(method, path, { params: { teamId, shiftId, assignmentId } });
}

export function requestShiftSwap(teamId: number, body: SwapRequestBody): Promise<SwapRequestView> {
  const { method, path } = ROUTES.requestShiftSwap;
  return request(method, path, { params: { teamId }, body });
}

export function listTeamSwapRequests(teamId: number, options: CallOptions = {}): Promise<TeamSwapRequestList> {
  const { method, path } = ROUTES.listTeamSwapRequests;
  return request(method, path, { ...options, params: { teamId } });
}

export type SwapAction = 'accept' | 'decline' | 'withdraw' | 'reject';
const SWAP_ACTION_ROUTES = {
  accept: ROUTES.acceptShiftSwap,
  decline: ROUTES.declineShiftSwap,
  withdraw: ROUTES.withdrawShiftSwap,
  reject: ROUTES.rejectShiftSwap,
} as const;

export function actOnShiftSwap(teamId: number, requestId: number, action: SwapAction): Promise<SwapRequestView> {
  const { method, path } = SWAP_ACTION_ROUTES[action];
  return request(method, path, { params: { teamId, requestId } });
}

export function approveShiftSwap(teamId: number, requestId: number, override: boolean): Promise<SwapDecisionResult> {
  const { method, path } = ROUTES.approveShiftSwap;
  return request(method, path, { params: { teamId, requestId }, body: { override } });
}

export function getMyShifts(options: CallOptions = {}): Promise<MyShifts> {
  const { method, path } = ROUTES.getMyShifts;
  return request(method, path, options);
}

export function listMySwapRequests(options: CallOptions = {}): Promise<MySwapRequests> {
  const { method, path } = ROUTES.listMySwapRequests;
  return request(method, path, options);
}

export function listMyAvailability(options: CallOptions = {}): Promise<AvailabilityList> {
  const { method, path } = ROUTES.listMyAvailability;
  return request(method, path, options);
}

export function createMyAvailability(body: AvailabilityBody): Promise<Availability> {
  const { method, path } = ROUTES.createMyAvailability;
  return request(method, path, { body });
}

export function deleteMyAvailability(declarationId: number): Promise<{ deleted: true }> {
  const { method, path } = ROUTES.deleteMyAvailability;
  return request(method, path, { params: { declarationId } });
}
