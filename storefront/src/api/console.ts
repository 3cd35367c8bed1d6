import { ROUTES } from '@qiaodu/shared';
import type { ConsolePartner, ConsoleTeamDetail, ConsoleTeamSummary, EndpointResponse, Endpoints, Person } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';
import type { EndpointBody, EndpointQuery } from '@qiaodu/shared';

export type PeopleList = EndpointResponse<Endpoints['listPeople']>;
export type PeopleQuery = EndpointQuery<Endpoints['listPeople']>;
export type TeamInput = EndpointBody<Endpoints['createTeam']>;
export type TeamUpdate = EndpointBody<Endpoints['updateTeam']>;
export type TeamMemberInput = EndpointBody<Endpoints['putTeamMember']>;
export type PersonUpdate = EndpointBody<Endpoints['updatePerson']>;
export type PartnerInput = EndpointBody<Endpoints['createPartner']>;
export type PartnerUpdate = EndpointBody<Endpoints['updatePartner']>;

export function listConsoleTeams(options: CallOptions = {}): Promise<ConsoleTeamSummary[]> {
  const { method, path } = ROUTES.listConsoleTeams;
  return request<EndpointResponse<Endpoints['listConsoleTeams']>>(method, path, options).then((list) => list.items);
}

export function getConsoleTeam(teamId: number, options: CallOptions = {}): Promise<ConsoleTeamDetail> {
  const { method, path } = ROUTES.getConsoleTeam;
  return request<ConsoleTeamDetail>(method, path, { ...options, params: { teamId } });
}

export function createTeam(body: TeamInput): Promise<ConsoleTeamDetail> {
  const { method, path } = ROUTES.createTeam;
  return request<ConsoleTeamDetail>(method, path, { body });
}

export function updateTeam(teamId: number, body: TeamUpdate): Promise<ConsoleTeamDetail> {
  const { method, path } = ROUTES.updateTeam;
  return request<ConsoleTeamDetail>(method, path, { params: { teamId }, body });
}

export function putTeamMember(teamId: number, userId: number, body: TeamMemberInput): Promise<ConsoleTeamDetail> {
  const { method, path } = ROUTES.putTeamMember;
  return request<ConsoleTeamDetail>(method, path, { params: { teamId, userId }, body });
}

export function removeTeamMember(teamId: number, userId: number): Promise<ConsoleTeamDetail> {
  const { method, path } = ROUTES.removeTeamMember;
  return request<ConsoleTeamDetail>(method, path, { params: { teamId, userId } });
}

export function putTeamSupervisor(teamId: number, userId: number): Promise<ConsoleTeamDetail> {
  const { method, path } = ROUTES.putTeamSupervisor;
  return request<ConsoleTeamDetail>(method, path, { params: { teamId, userId } });
}

export function removeTeamSupervisor(teamId: number, userId: number): Promise<ConsoleTeamDetail> {
  const { method, path } = ROUTES.removeTeamSupervisor;
  return request<ConsoleTeamDetail>(method, path, { params: { teamId, userId } });
}

export function listPeople(query: PeopleQuery, options: CallOptions = {}): Promise<PeopleList> {
  const { method, path } = ROUTES.listPeople;
  return request<PeopleList>(method, path, { ...options, query: { ...query } });
}

export function updatePerson(userId: number, body: PersonUpdate): Promise<Person> {
  const { method, path } = ROUTES.updatePerson;
  return request<Person>(method, path, { params: { userId }, body });
}

export function listConsolePartners(options: CallOptions = {}): Promise<ConsolePartner[]> {
  const { method, path } = ROUTES.listConsolePartners;
  return request<EndpointResponse<Endpoints['listConsolePartners']>>(method, path, options).then((list) => list.items);
}

export function createPartner(body: PartnerInput): Promise<ConsolePartner> {
  const { method, path } = ROUTES.createPartner;
  return request<ConsolePartner>(method, path, { body });
}

export function updatePartner(partnerId: number, body: PartnerUpdate): Promise<ConsolePartner> {
  const { method, path } = ROUTES.updatePartner;
  return request<ConsolePartner>(method, path, { params: { partnerId }, body });
}
