import type { Person } from '@qiaodu/shared';
import { staffPhone } from '../staff-phone';
import type { PeopleRows } from './repository';

/** People as the console lists them; whose phone shows in full is the policy's call, per person's teams. */
export function toPeople(people: PeopleRows, revealPhoneOf: (teamIds: readonly number[]) => boolean): Person[] {
  return people.rows.map((row) => {
    const teams = people.memberships
      .filter((membership) => membership.userId === row.id)
      .map(({ id, name, post, isLead }) => ({ id, name, post, isLead }));
    return {
      id: row.id,
      displayName: row.displayName,
      phone: staffPhone(row.phone, revealPhoneOf(teams.map((team) => team.id))),
      roles: row.roles,
      status: row.status,
      partner: row.partnerId === null || row.partnerName === null ? null : { id: row.partnerId, name: row.partnerName },
      teams,
      createdAt: row.createdAt.toISOString(),
      lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    };
  });
}
