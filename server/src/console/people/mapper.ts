import type { Person } from '@qiaodu/shared';
import { staffPhone } from '../staff-phone';
import type { PeopleRows } from './repository';

/** People as the console lists them; `revealPhones` comes from the policy. */
export function toPeople(people: PeopleRows, revealPhones: boolean): Person[] {
  return people.rows.map((row) => ({
    id: row.id,
    displayName: row.displayName,
    phone: staffPhone(row.phone, revealPhones),
    roles: row.roles,
    status: row.status,
    partner: row.partnerId === null || row.partnerName === null ? null : { id: row.partnerId, name: row.partnerName },
    teams: people.memberships
      .filter((membership) => membership.userId === row.id)
      .map(({ id, name, post, isLead }) => ({ id, name, post, isLead })),
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  }));
}
