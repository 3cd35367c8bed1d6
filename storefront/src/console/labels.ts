import type { MeTeam } from '@qiaodu/shared';

/** How the caller is related to a team, as the console says it. */
export const TEAM_RELATION_LABELS: Record<MeTeam['relation'], string> = {
  member: '团队成员',
  supervisor: '指导老师',
  partner: '合作企业',
};
