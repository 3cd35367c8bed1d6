import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { schema, type Db, type Tx } from '@qiaodu/db';
import type { Post } from '@qiaodu/shared';

const { partners, teamMembers, teamPartners, teamSupervisors, teams, users } = schema;

type Executor = Db | Tx;

/** Every team, or only these. */
export type TeamScope = 'all' | readonly number[];

/**
 * Teams with their members, supervisors and partners: four flat queries whatever the number of
 * teams, grouped by the mapper.
 */
export async function loadTeams(db: Executor, scope: TeamScope) {
  const teamRows =
    scope !== 'all' && scope.length === 0
      ? []
      : await db
          .select({ id: teams.id, slug: teams.slug, name: teams.name, description: teams.description })
          .from(teams)
          .where(scope === 'all' ? undefined : inArray(teams.id, [...scope]))
          .orderBy(asc(teams.id));
  const ids = teamRows.map((team) => team.id);
  if (ids.length === 0) return { teams: teamRows, members: [], supervisors: [], partners: [] };

  const [members, supervisors, teamPartnerRows] = await Promise.all([
    db
      .select({
        teamId: teamMembers.teamId,
        userId: users.id,
        displayName: users.displayName,
        phone: users.phone,
        post: teamMembers.post,
        isLead: teamMembers.isLead,
        joinedAt: teamMembers.joinedAt,
      })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(inArray(teamMembers.teamId, ids))
      .orderBy(desc(teamMembers.isLead), asc(teamMembers.joinedAt), asc(users.id)),
    db
      .select({ teamId: teamSupervisors.teamId, userId: users.id, displayName: users.displayName })
      .from(teamSupervisors)
      .innerJoin(users, eq(users.id, teamSupervisors.userId))
      .where(inArray(teamSupervisors.teamId, ids))
      .orderBy(asc(users.id)),
    db
      .select({ teamId: teamPartners.teamId, id: partners.id, name: partners.name, kind: partners.kind })
      .from(teamPartners)
      .innerJoin(partners, eq(partners.id, teamPartners.partnerId))
      .where(inArray(teamPartners.teamId, ids))
      .orderBy(asc(partners.id)),
  ]);
  return { teams: teamRows, members, supervisors, partners: teamPartnerRows };
}
export type TeamRows = Awaited<ReturnType<typeof loadTeams>>;

export interface TeamValues {
  slug: string;
  name: string;
  description: string;
}

export async function insertTeam(tx: Tx, values: TeamValues): Promise<number> {
  const [row] = await tx.insert(teams).values(values).returning({ id: teams.id });
  if (!row) throw new Error('insert into teams returned no row');
  return row.id;
}

/**
 * Locks the team row against other changes to the team (NO KEY UPDATE still lets other
 * transactions insert rows that reference it), so member and lead edits run one at a time.
 * False when there is no such team.
 */
export async function lockTeam(tx: Tx, teamId: number): Promise<boolean> {
  const [row] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId)).for('no key update');
  return row !== undefined;
}

export async function updateTeam(tx: Tx, teamId: number, values: Partial<TeamValues>, now: Date): Promise<void> {
  await tx.update(teams).set({ ...values, updatedAt: now }).where(eq(teams.id, teamId));
}

export async function replaceTeamPartners(tx: Tx, teamId: number, partnerIds: readonly number[]): Promise<void> {
  await tx.delete(teamPartners).where(eq(teamPartners.teamId, teamId));
  if (partnerIds.length > 0) {
    await tx.insert(teamPartners).values([...new Set(partnerIds)].map((partnerId) => ({ teamId, partnerId })));
  }
}

/** Adds the member or changes their post and lead flag; the date they joined stays. */
export async function upsertMember(
  tx: Tx,
  member: { teamId: number; userId: number; post: Post; isLead: boolean; now: Date },
): Promise<void> {
  await tx
    .insert(teamMembers)
    .values({ teamId: member.teamId, userId: member.userId, post: member.post, isLead: member.isLead, joinedAt: member.now })
    .onConflictDoUpdate({
      target: [teamMembers.teamId, teamMembers.userId],
      set: { post: member.post, isLead: member.isLead },
    });
}

/** A team has one lead: naming one takes the flag from everyone else. */
export async function clearOtherLeads(tx: Tx, teamId: number, leadUserId: number): Promise<void> {
  await tx
    .update(teamMembers)
    .set({ isLead: false })
    .where(and(eq(teamMembers.teamId, teamId), ne(teamMembers.userId, leadUserId), eq(teamMembers.isLead, true)));
}

/** True when there was such a member. */
export async function deleteMember(tx: Tx, teamId: number, userId: number): Promise<boolean> {
  const rows = await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)))
    .returning({ userId: teamMembers.userId });
  return rows.length > 0;
}

export async function insertSupervisor(tx: Tx, teamId: number, userId: number, now: Date): Promise<void> {
  await tx.insert(teamSupervisors).values({ teamId, userId, createdAt: now }).onConflictDoNothing();
}

/** True when there was such a supervisor. */
export async function deleteSupervisor(tx: Tx, teamId: number, userId: number): Promise<boolean> {
  const rows = await tx
    .delete(teamSupervisors)
    .where(and(eq(teamSupervisors.teamId, teamId), eq(teamSupervisors.userId, userId)))
    .returning({ userId: teamSupervisors.userId });
  return rows.length > 0;
}
