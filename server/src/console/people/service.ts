import type { Db } from '@qiaodu/db';
import { ROLES, type PeopleQuery, type Person, type PersonUpdate, type Role, type UserStatus } from '@qiaodu/shared';
import type { z } from 'zod';
import type { SessionService } from '../../auth/session-service';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../policy/actor';
import { isActiveAdmin, mayHoldTie, peopleScope, searchesByPhone, seesFullContactOf } from '../../policy/policy';
import { requirePartners } from '../partners/service';
import { toPeople } from './mapper';
import * as repository from './repository';

type PeopleQueryData = z.output<typeof PeopleQuery>;
type PersonUpdateData = z.output<typeof PersonUpdate>;

export interface PeopleDeps {
  db: Db;
  clock: () => Date;
  sessions: Pick<SessionService, 'revokeAllOfUser'>;
}

/** Roles as stored, in the shared order: everyone who can log in may shop, so `customer` always stays. */
function storedRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((role) => role === 'customer' || roles.includes(role));
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((role) => b.includes(role));

/** The partner tie after the change: only mentors keep one, and only a mentor may be given one. */
function partnerAfter(current: repository.PersonState, roles: Role[], partnerId: number | null | undefined): number | null {
  const isMentor = mayHoldTie({ roles }, 'partner');
  if (partnerId !== undefined && partnerId !== null && !isMentor) {
    const message = '只有企业导师可以关联合作伙伴';
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'body.partnerId', message }]);
  }
  if (!isMentor) return null;
  return partnerId === undefined ? current.partnerId : partnerId;
}

export function createPeopleService(deps: PeopleDeps) {
  const { db, clock, sessions } = deps;

  return {
    async list(actor: Actor, query: PeopleQueryData) {
      const q = query.q?.trim() || undefined;
      const found = await repository.findPeoplePage(
        db,
        { scope: peopleScope(actor), role: query.role, q, phoneSearch: searchesByPhone(actor) },
        query,
      );
      const revealPhoneOf = (teamIds: readonly number[]) => seesFullContactOf(actor, teamIds);
      return { items: toPeople(found, revealPhoneOf), total: found.total, page: query.page, pageSize: query.pageSize };
    },

    /**
     * Roles, status, partner and name in one transaction. A change of roles or disabling ends
     * the person's sessions (their next request is a 401 and a fresh login carries the new
     * roles); losing a role drops the ties that needed it.
     */
    update(actor: Actor, userId: number, changes: PersonUpdateData): Promise<Person> {
      return db.transaction(async (tx) => {
        const locked = await repository.lockPersonAndActiveAdmins(tx, userId);
        const current = locked.find((person) => person.id === userId);
        if (!current || current.status === 'deleted') throw new AppError('USER_NOT_FOUND');

        const roles = changes.roles ? storedRoles(changes.roles) : current.roles;
        const status: UserStatus = changes.status ?? current.status;
        const othersLeft = locked.some((person) => person.id !== userId && isActiveAdmin(person));
        if (isActiveAdmin(current) && !isActiveAdmin({ roles, status }) && !othersLeft) throw new AppError('LAST_ADMIN');

        const partnerId = partnerAfter(current, roles, changes.partnerId);
        if (partnerId !== null && partnerId !== current.partnerId) await requirePartners(tx, [partnerId]);

        await repository.updatePerson(tx, userId, { displayName: changes.displayName, roles, status, partnerId }, clock());
        if (!mayHoldTie({ roles }, 'member')) await repository.deleteMemberships(tx, userId);
        if (!mayHoldTie({ roles }, 'supervisor')) await repository.deleteSupervisions(tx, userId);
        const disabled = status !== 'active' && current.status === 'active';
        if (disabled || !sameRoles(roles, current.roles)) await sessions.revokeAllOfUser(tx, userId);

        const [person] = toPeople(await repository.findPerson(tx, userId), (teamIds) => seesFullContactOf(actor, teamIds));
        if (!person) throw new Error(`person ${userId} vanished inside its own update`);
        return person;
      });
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
