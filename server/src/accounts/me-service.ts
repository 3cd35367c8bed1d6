import type { Db } from '@qiaodu/db';
import type { MeResponse, MeTeam, MyDataExport } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { SessionService } from '../auth/session-service';
import type { Actor } from '../policy/actor';
import { consoleSections, hasStaffRole, relationTo } from '../policy/policy';
import { createAddressRepository } from './address-repository';
import { toAddress } from './address-service';
import { createMeRepository } from './me-repository';

const iso = (date: Date) => date.toISOString();

export function createMeService(db: Db, clock: () => Date, sessions: SessionService) {
  const repository = createMeRepository(db);
  const addresses = createAddressRepository(db);

  async function teamsOf(actor: Actor): Promise<MeTeam[]> {
    const ids = new Set([...actor.memberships.keys(), ...actor.supervisedTeamIds, ...actor.partnerTeamIds]);
    const rows = await repository.teams([...ids]);
    return rows.flatMap((team) => {
      const relation = relationTo(actor, team.id);
      if (!relation) return [];
      const membership = relation === 'member' ? actor.memberships.get(team.id) : undefined;
      return [{ ...team, relation, post: membership?.post ?? null, isLead: membership?.isLead ?? false }];
    });
  }

  async function userOf(actor: Actor) {
    const user = await repository.user(actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    return user;
  }

  async function me(actor: Actor): Promise<MeResponse> {
    const user = await userOf(actor);
    return {
      user: { id: user.id, displayName: user.displayName, avatarUrl: user.avatarUrl, roles: user.roles, status: user.status },
      teams: await teamsOf(actor),
      partner: actor.roles.has('mentor') && user.partnerId !== null ? { id: user.partnerId, name: user.partnerName ?? '' } : null,
      console: { sections: consoleSections(actor) },
      session: { channel: actor.channel, expiresAt: iso(actor.expiresAt) },
    };
  }

  return {
    me,

    async rename(actor: Actor, displayName: string): Promise<MeResponse> {
      await repository.setDisplayName(actor.userId, displayName, clock());
      return me(actor);
    },

    /** Everything the shop keeps about the caller (PIPL right of access), as one JSON document. */
    async export(actor: Actor): Promise<MyDataExport> {
      const user = await userOf(actor);
      const [wechatAccounts, addressRows, sessionRows, accessRows, teams, orderRows] = await Promise.all([
        repository.wechatAccounts(actor.userId),
        addresses.list(actor.userId),
        repository.sessions(actor.userId),
        repository.accessLog(actor.userId),
        teamsOf(actor),
        repository.ordersOf(actor.userId),
      ]);
      return {
        exportedAt: iso(clock()),
        user: {
          id: user.id,
          displayName: user.displayName,
          avatarUrl: user.avatarUrl,
          roles: user.roles,
          status: user.status,
          phone: user.phone,
          createdAt: iso(user.createdAt),
          lastLoginAt: user.lastLoginAt ? iso(user.lastLoginAt) : null,
        },
        wechatAccounts: wechatAccounts.map((account) => ({ ...account, createdAt: iso(account.createdAt) })),
        addresses: addressRows.map(toAddress),
        teams,
        sessions: sessionRows.map((row) => ({
          channel: row.channel,
          createdAt: iso(row.createdAt),
          lastSeenAt: iso(row.lastSeenAt),
          expiresAt: iso(row.expiresAt),
          revokedAt: row.revokedAt ? iso(row.revokedAt) : null,
        })),
        personalDataAccess: accessRows.map((row) => ({ at: iso(row.at), viewer: row.viewer, purpose: row.purpose })),
        orders: orderRows.map((row) => ({ ...row, createdAt: iso(row.createdAt) })),
      };
    },

    /** Account deletion (PIPL right to erasure). Staff are unlinked by an admin first. */
    deleteAccount(actor: Actor): Promise<void> {
      return db.transaction(async (tx) => {
        const row = await repository.lockUser(tx, actor.userId);
        if (!row) throw new AppError('UNAUTHENTICATED');
        if (hasStaffRole(row.roles)) throw new AppError('ACCOUNT_HAS_STAFF_ROLES');
        if (await repository.hasOpenOrders(tx, actor.userId)) throw new AppError('ACCOUNT_HAS_OPEN_ORDERS');
        await repository.anonymise(tx, actor.userId, clock());
        await sessions.revokeAllOfUser(tx, actor.userId);
      });
    },
  };
}

export type MeService = ReturnType<typeof createMeService>;
