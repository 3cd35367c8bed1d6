import type { ConsoleTeamDetail } from '@qiaodu/shared';
import type { TeamInput, TeamUpdate } from '../api/console';
import type { FieldErrors } from '../api/fieldErrors';
import { lengthProblem, organisationNameProblem, slugProblem } from '@qiaodu/shared';

export interface TeamFormValues {
  slug: string;
  name: string;
  description: string;
  partnerIds: number[];
}

export function emptyTeamForm(): TeamFormValues {
  return { slug: '', name: '', description: '', partnerIds: [] };
}

export function teamFormOf(team: ConsoleTeamDetail): TeamFormValues {
  return { slug: team.slug, name: team.name, description: team.description, partnerIds: team.partners.map((partner) => partner.id) };
}

/** The checks of TeamInput (shared/src/console.ts) before the round trip; the slug only when creating. */
export function teamFormProblems(values: TeamFormValues, creating: boolean): FieldErrors {
  const problems: FieldErrors = {};
  const slug = creating ? slugProblem(values.slug) : null;
  if (slug) problems.slug = slug;
  const name = organisationNameProblem(values.name, '团队名称', 2, 30);
  if (name) problems.name = name;
  const description = lengthProblem(values.description, '团队介绍', 0, 500);
  if (description) problems.description = description;
  return problems;
}

export function toTeamInput(values: TeamFormValues): TeamInput {
  return { slug: values.slug, name: values.name.trim(), description: values.description.trim(), partnerIds: values.partnerIds };
}

/** An update never sends the slug: links to the team keep working. */
export function toTeamUpdate(values: TeamFormValues): TeamUpdate {
  return { name: values.name.trim(), description: values.description.trim(), partnerIds: values.partnerIds };
}
