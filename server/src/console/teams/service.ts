import type { Db, Tx } from '@qiaodu/db';
import type { ConsoleTeamDetail, ConsoleTeamSummary, Permission, TeamInput, TeamMemberInput, TeamUpdate } from '@qiaodu/shared';
import type { z } from 'zod';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../policy/actor';
import { decide, mayHoldTie, seesFullPersonalData, visibleTeams, type Tie } from '../../policy/policy';
import { requirePartners } from '../partners/service';
import { findPersonState } from '../people/repository';
import { onUniqueViolation } from '../unique-violation';
import { toTeamDetail, toTeamSummaries, type TeamView } from './mapper';
import * as repository from './repository';

type TeamInputData = z.output<typeof TeamInput>;
type TeamUpdateData = z.output<typeof TeamUpdate>;
type TeamMemberData = z.output<typeof TeamMemberInput>;

/**
 * Who may be tied to a team. Unknown, disabled and wrong-role users all get the same answer,
 * so a teacher adding members cannot learn which ids belong to whom.
 */
const NOT_ELIGIBLE: Record<Exclude<Tie, 'partner'>, string> = {
  member: '找不到这名学生：只能把状态正常的学生加入团队',
  supervisor: '找不到这位老师：只能指定状态正常的校内导师',
};

function viewOf(actor: Actor, teamId: number): TeamView {
  const allowed = (permission: Permission) => decide(actor, permission, { teamId }) === 'allow';
  return {
    revealPhones: seesFullPersonalData(actor),
    can: {
      edit: allowed('team.edit'),
      manageMembers: allowed('team.manage_members'),
      manageSupervisors: allowed('team.manage_supervisors'),
      viewOperations: allowed('operations.view'),
    },
  };
}

/** Slugs are unique in the database; a clash (even with a concurrent request) is a 409. */
const slugTaken = <T>(work: () => Promise<T>) => onUniqueViolation(work, 'teams_slug_key', 'ALREADY_EXISTS', '已有使用这个英文标识的团队');

/** Student teams in the console: who sees which is the policy's call, every change one transaction. */
export function createTeamService(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;

  async function detail(executor: Db | Tx, actor: Actor, teamId: number): Promise<ConsoleTeamDetail> {
    const rows = await repository.loadTeams(executor, [teamId]);
    const team = rows.teams[0];
    if (!team) throw new AppError('TEAM_NOT_FOUND');
    return toTeamDetail(team, rows, viewOf(actor, teamId));
  }

  /** Runs a change to an existing team with the team locked, answering the detail after it. */
  function changeTeam(actor: Actor, teamId: number, change: (tx: Tx) => Promise<void>): Promise<ConsoleTeamDetail> {
    return db.transaction(async (tx) => {
      if (!(await repository.lockTeam(tx, teamId))) throw new AppError('TEAM_NOT_FOUND');
      await change(tx);
      return detail(tx, actor, teamId);
    });
  }

  async function requireEligible(tx: Tx, userId: number, tie: Exclude<Tie, 'partner'>): Promise<void> {
    const person = await findPersonState(tx, userId);
    if (!person || person.status !== 'active' || !mayHoldTie(person, tie)) throw new AppError('USER_NOT_FOUND', NOT_ELIGIBLE[tie]);
  }

  return {
    async list(actor: Actor): Promise<{ items: ConsoleTeamSummary[] }> {
      const visible = visibleTeams(actor);
      const rows = await repository.loadTeams(db, visible === 'all' ? 'all' : [...visible]);
      return { items: toTeamSummaries(rows) };
    },

    get(actor: Actor, teamId: number): Promise<ConsoleTeamDetail> {
      return detail(db, actor, teamId);
    },

    create(actor: Actor, input: TeamInputData): Promise<ConsoleTeamDetail> {
      return slugTaken(() =>
        db.transaction(async (tx) => {
          await requirePartners(tx, input.partnerIds);
          const teamId = await repository.insertTeam(tx, { slug: input.slug, name: input.name, description: input.description });
          await repository.replaceTeamPartners(tx, teamId, input.partnerIds);
          return detail(tx, actor, teamId);
        }),
      );
    },

    update(actor: Actor, teamId: number, changes: TeamUpdateData): Promise<ConsoleTeamDetail> {
      const { partnerIds, ...fields } = changes;
      return slugTaken(() =>
        changeTeam(actor, teamId, async (tx) => {
          await repository.updateTeam(tx, teamId, fields, clock());
          if (partnerIds === undefined) return;
          await requirePartners(tx, partnerIds);
          await repository.replaceTeamPartners(tx, teamId, partnerIds);
        }),
      );
    },

    putMember(actor: Actor, teamId: number, userId: number, input: TeamMemberData): Promise<ConsoleTeamDetail> {
      return changeTeam(actor, teamId, async (tx) => {
        await requireEligible(tx, userId, 'member');
        if (input.isLead) await repository.clearOtherLeads(tx, teamId, userId);
        await repository.upsertMember(tx, { teamId, userId, post: input.post, isLead: input.isLead, now: clock() });
      });
    },

    removeMember(actor: Actor, teamId: number, userId: number): Promise<ConsoleTeamDetail> {
      return changeTeam(actor, teamId, async (tx) => {
        if (!(await repository.deleteMember(tx, teamId, userId))) throw new AppError('USER_NOT_FOUND', '该用户不是这个团队的成员');
      });
    },

    putSupervisor(actor: Actor, teamId: number, userId: number): Promise<ConsoleTeamDetail> {
      return changeTeam(actor, teamId, async (tx) => {
        await requireEligible(tx, userId, 'supervisor');
        await repository.insertSupervisor(tx, teamId, userId, clock());
      });
    },

    removeSupervisor(actor: Actor, teamId: number, userId: number): Promise<ConsoleTeamDetail> {
      return changeTeam(actor, teamId, async (tx) => {
        if (!(await repository.deleteSupervisor(tx, teamId, userId))) {
          throw new AppError('USER_NOT_FOUND', '这位老师不是这个团队的指导老师');
        }
      });
    },
  };
}

export type TeamService = ReturnType<typeof createTeamService>;
