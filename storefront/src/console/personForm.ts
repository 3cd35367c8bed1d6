import { DISPLAY_NAME_MAX } from '@qiaodu/shared';
import type { Person, Role } from '@qiaodu/shared';
import type { PersonUpdate } from '../api/console';
import type { FieldErrors } from '../api/fieldErrors';
import { personNameProblem } from '@qiaodu/shared';

export interface PersonFormValues {
  displayName: string;
  roles: Role[];
  status: 'active' | 'disabled';
  partnerId: number | null;
}

export function personFormOf(person: Person): PersonFormValues {
  return {
    displayName: person.displayName,
    roles: [...person.roles],
    // A deleted account cannot be edited back to life here; it is shown, not offered.
    status: person.status === 'disabled' ? 'disabled' : 'active',
    partnerId: person.partner?.id ?? null,
  };
}

export function personFormProblems(values: PersonFormValues): FieldErrors {
  const problems: FieldErrors = {};
  const name = personNameProblem(values.displayName, DISPLAY_NAME_MAX);
  if (name) problems.displayName = name;
  if (values.roles.length === 0) problems.roles = '至少保留一个角色';
  return problems;
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

/**
 * Only what changed: a role change or disabling ends the person's sessions on the server, so
 * an unchanged field must not be sent as if it were a change. A partner belongs to mentors only.
 */
export function personUpdateOf(person: Person, values: PersonFormValues): PersonUpdate {
  const update: PersonUpdate = {};
  const displayName = values.displayName.trim();
  if (displayName !== person.displayName) update.displayName = displayName;
  if (!sameRoles(values.roles, person.roles)) update.roles = [...values.roles];
  if (values.status !== person.status) update.status = values.status;
  const partnerId = values.roles.includes('mentor') ? values.partnerId : null;
  if (partnerId !== (person.partner?.id ?? null)) update.partnerId = partnerId;
  return update;
}
