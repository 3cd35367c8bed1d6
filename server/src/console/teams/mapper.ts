import type { ConsoleTeamDetail, ConsoleTeamSummary } from '@qiaodu/shared';
import { staffPhone } from '../staff-phone';
import type { TeamRows } from './repository';

type TeamRow = TeamRows['teams'][number];

/** What the caller may see and do on a team, decided by the policy before mapping. */
export interface TeamView {
  /** Teachers and admins see members' phones in full; others see them masked. */
  revealPhones: boolean;
  can: ConsoleTeamDetail['can'];
}

function ofTeam<T extends { teamId: number }>(rows: readonly T[], teamId: number): T[] {
  return rows.filter((row) => row.teamId === teamId);
}

function summaryOf(team: TeamRow, rows: TeamRows): ConsoleTeamSummary {
  const members = ofTeam(rows.members, team.id);
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    description: team.description,
    memberCount: members.length,
    leadNames: members.filter((member) => member.isLead).map((member) => member.displayName),
    supervisorNames: ofTeam(rows.supervisors, team.id).map((supervisor) => supervisor.displayName),
    partners: ofTeam(rows.partners, team.id).map(({ id, name, kind }) => ({ id, name, kind })),
  };
}

export function toTeamSummaries(rows: TeamRows): ConsoleTeamSummary[] {
  return rows.teams.map((team) => summaryOf(team, rows));
}

export function toTeamDetail(team: TeamRow, rows: TeamRows, view: TeamView): ConsoleTeamDetail {
  return {
    ...summaryOf(team, rows),
    members: ofTeam(rows.members, team.id).map((member) => ({
      userId: member.userId,
      displayName: member.displayName,
      phone: staffPhone(member.phone, view.revealPhones),
      post: member.post,
      isLead: member.isLead,
      joinedAt: member.joinedAt.toISOString(),
    })),
    supervisors: ofTeam(rows.supervisors, team.id).map(({ userId, displayName }) => ({ userId, displayName })),
    can: view.can,
  };
}
