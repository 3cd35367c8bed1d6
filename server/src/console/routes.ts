import type { Db } from '@qiaodu/db';
import { endpoints } from '@qiaodu/shared';
import type { SessionService } from '../auth/session-service';
import type { RouteMounter } from '../http/route';
import { createPartnerService } from './partners/service';
import { createPeopleService } from './people/service';
import { createTeamService } from './teams/service';

export interface ConsoleDeps {
  db: Db;
  clock: () => Date;
  /** Role changes and disabling end the person's sessions in the same transaction. */
  sessions: Pick<SessionService, 'revokeAllOfUser'>;
}

/**
 * The staff console's teams, people and partners. The mounter has already authenticated the
 * caller and asked the policy about the endpoint's `access`; services scope what they answer.
 */
export function mountConsoleRoutes(mount: RouteMounter, deps: ConsoleDeps): void {
  const teams = createTeamService(deps);
  const people = createPeopleService(deps);
  const partners = createPartnerService(deps);
  const created = { created: true };

  mount(endpoints.listConsoleTeams, ({ actor }) => teams.list(actor));
  mount(endpoints.createTeam, ({ actor, body }) => teams.create(actor, body), created);
  mount(endpoints.getConsoleTeam, ({ actor, params }) => teams.get(actor, params.teamId));
  mount(endpoints.updateTeam, ({ actor, params, body }) => teams.update(actor, params.teamId, body));
  mount(endpoints.putTeamMember, ({ actor, params, body }) => teams.putMember(actor, params.teamId, params.userId, body));
  mount(endpoints.removeTeamMember, ({ actor, params }) => teams.removeMember(actor, params.teamId, params.userId));
  mount(endpoints.putTeamSupervisor, ({ actor, params }) => teams.putSupervisor(actor, params.teamId, params.userId));
  mount(endpoints.removeTeamSupervisor, ({ actor, params }) => teams.removeSupervisor(actor, params.teamId, params.userId));

  mount(endpoints.listPeople, ({ actor, query }) => people.list(actor, query));
  mount(endpoints.updatePerson, ({ actor, params, body }) => people.update(actor, params.userId, body));

  mount(endpoints.listConsolePartners, () => partners.list());
  mount(endpoints.createPartner, ({ body }) => partners.create(body), created);
  mount(endpoints.updatePartner, ({ params, body }) => partners.update(params.partnerId, body));
}
