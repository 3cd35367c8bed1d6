import { and, asc, count, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { schema, type Db, type Tx } from '@qiaodu/db';
import type { Role, UserStatus } from '@qiaodu/shared';
import { likePattern } from '../../catalog/repository';

const { partners, teamMembers, teamSupervisors, teams, users } = schema;

type Executor = Db | Tx;

export interface PeopleFilter {
  /** From the policy's peopleScope. */
  scope: 'everyone' | 'students';
  role?: Role;
  /** A display-name substring, a user number (shown on 我的), or (with phoneSearch) an exact phone number. */
  q?: string;
  phoneSearch: boolean;
}

/** The SQL side of "holds this role", for filters and counts. */
export const hasRole = (role: Role) => sql`${role} = any(${users.roles})`;

function peopleConditions(filter: PeopleFilter): SQL | undefined {
  // Deleted accounts keep a row for the books only: they are nobody to manage.
  const conditions: (SQL | undefined)[] = [ne(users.status, 'deleted')];
  if (filter.scope === 'students') conditions.push(hasRole('student'));
  if (filter.role !== undefined) conditions.push(hasRole(filter.role));
  if (filter.q !== undefined) {
    const userNumber = /^[1-9][0-9]{0,8}$/.test(filter.q) ? Number(filter.q) : undefined;
    conditions.push(
      or(
        ilike(users.displayName, likePattern(filter.q)),
        userNumber === undefined ? undefined : eq(users.id, userNumber),
        filter.phoneSearch ? eq(users.phone, filter.q) : undefined,
      ),
    );
  }
  return and(...conditions);
}

const personColumns = {
  id: users.id,
  displayName: users.displayName,
  phone: users.phone,
  roles: users.roles,
  status: users.status,
  partnerId: partners.id,
  partnerName: partners.name,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
};

/** People with their partner and team memberships, in id order. */
async function selectPeople(db: Executor, where: SQL | undefined, page?: { limit: number; offset: number }) {
  const base = db
    .select(personColumns)
    .from(users)
    .leftJoin(partners, eq(partners.id, users.partnerId))
    .where(where)
    .orderBy(asc(users.id));
  const rows = await (page ? base.limit(page.limit).offset(page.offset) : base);
  const ids = rows.map((row) => row.id);
  const memberships =
    ids.length === 0
      ? []
      : await db
          .select({ userId: teamMembers.userId, id: teams.id, name: teams.name, post: teamMembers.post, isLead: teamMembers.isLead })
          .from(teamMembers)
          .innerJoin(teams, eq(teams.id, teamMembers.teamId))
          .where(inArray(teamMembers.userId, ids))
          .orderBy(asc(teams.id));
  return { rows, memberships };
}
export type PeopleRows = Awaited<ReturnType<typeof selectPeople>>;

export async function findPeoplePage(db: Db, filter: PeopleFilter, page: { page: number; pageSize: number }) {
  const where = peopleConditions(filter);
  const [people, [totals]] = await Promise.all([
    selectPeople(db, where, { limit: page.pageSize, offset: (page.page - 1) * page.pageSize }),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { ...people, total: totals?.total ?? 0 };
}

/** One person as the console shows them; deleted accounts are not found. */
export async function findPerson(db: Executor, id: number): Promise<PeopleRows> {
  return selectPeople(db, and(eq(users.id, id), ne(users.status, 'deleted')));
}

export interface PersonState {
  id: number;
  roles: Role[];
  status: UserStatus;
  partnerId: number | null;
}

const stateColumns = { id: users.id, roles: users.roles, status: users.status, partnerId: users.partnerId };

/** Who someone is now, for deciding whether they may hold a team tie; null when unknown. */
export async function findPersonState(tx: Tx, id: number): Promise<PersonState | null> {
  // SHARE: their roles and status cannot change under us until the tie is written.
  const [row] = await tx.select(stateColumns).from(users).where(eq(users.id, id)).for('share');
  return row ?? null;
}

/**
 * Locks the person and every active admin, in id order (so two admins demoting each other
 * queue instead of deadlocking), and returns them: enough to tell whether a change would
 * leave the shop without an admin.
 */
export async function lockPersonAndActiveAdmins(tx: Tx, id: number): Promise<PersonState[]> {
  return tx
    .select(stateColumns)
    .from(users)
    .where(or(eq(users.id, id), and(hasRole('admin'), eq(users.status, 'active'))))
    .orderBy(asc(users.id))
    .for('update');
}

export async function updatePerson(
  tx: Tx,
  id: number,
  values: { displayName?: string; roles: Role[]; status: UserStatus; partnerId: number | null },
  now: Date,
): Promise<void> {
  await tx
    .update(users)
    .set({ ...values, updatedAt: now })
    .where(eq(users.id, id));
}

export async function deleteMemberships(tx: Tx, userId: number): Promise<void> {
  await tx.delete(teamMembers).where(eq(teamMembers.userId, userId));
}

export async function deleteSupervisions(tx: Tx, userId: number): Promise<void> {
  await tx.delete(teamSupervisors).where(eq(teamSupervisors.userId, userId));
}
