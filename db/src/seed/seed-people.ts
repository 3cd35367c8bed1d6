import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { regionOf } from '@qiaodu/shared/regions';
import type { Tx } from '../client';
import { addresses, teamMembers, teamSupervisors, users } from '../schema';
import { PEOPLE } from './people';
import { requireId, upsertFrom } from './upsert';

/**
 * Demo people matched by persona. Team ties of seeded people are set to exactly the data's;
 * nobody else's are touched. Addresses are written once, so visitors' edits stay.
 */
export async function seedPeople(tx: Tx, ids: { partners: Map<string, number>; teams: Map<string, number> }): Promise<number> {
  await tx
    .insert(users)
    .values(
      PEOPLE.map((person) => ({
        persona: person.persona,
        displayName: person.displayName,
        roles: [...person.roles],
        phone: person.phone ?? null,
        partnerId: person.partnerSlug ? requireId(ids.partners, person.partnerSlug, 'partner') : null,
      })),
    )
    .onConflictDoUpdate({
      target: users.persona,
      ...upsertFrom(users, ['displayName', 'roles', 'phone', 'partnerId'], { touchUpdatedAt: true }),
    });
  // Looked up rather than returned: rows the upsert left alone return nothing.
  const seeded = await tx.select({ id: users.id, persona: users.persona }).from(users).where(inArray(users.persona, PEOPLE.map((p) => p.persona)));
  const userIds = new Map(seeded.map((row) => [row.persona ?? '', row.id]));

  for (const person of PEOPLE) {
    const userId = requireId(userIds, person.persona, 'person');
    await seedTies(tx, userId, person, ids.teams);
    await seedAddresses(tx, userId, person);
  }
  return PEOPLE.length;
}

async function seedTies(tx: Tx, userId: number, person: (typeof PEOPLE)[number], teamIds: Map<string, number>): Promise<void> {
  const memberships = (person.memberships ?? []).map((m) => ({
    teamId: requireId(teamIds, m.team, 'team'),
    userId,
    post: m.post,
    isLead: m.isLead ?? false,
  }));
  const keepMembers = memberships.map((m) => m.teamId);
  await tx
    .delete(teamMembers)
    .where(and(eq(teamMembers.userId, userId), keepMembers.length ? notInArray(teamMembers.teamId, keepMembers) : undefined));
  if (memberships.length) {
    await tx
      .insert(teamMembers)
      .values(memberships)
      .onConflictDoUpdate({ target: [teamMembers.teamId, teamMembers.userId], ...upsertFrom(teamMembers, ['post', 'isLead'], { touchUpdatedAt: false }) });
  }

  const supervised = (person.supervises ?? []).map((slug) => requireId(teamIds, slug, 'team'));
  await tx
    .delete(teamSupervisors)
    .where(and(eq(teamSupervisors.userId, userId), supervised.length ? notInArray(teamSupervisors.teamId, supervised) : undefined));
  if (supervised.length) {
    await tx
      .insert(teamSupervisors)
      .values(supervised.map((teamId) => ({ teamId, userId })))
      .onConflictDoNothing();
  }
}

async function seedAddresses(tx: Tx, userId: number, person: (typeof PEOPLE)[number]): Promise<void> {
  if (!person.addresses?.length) return;
  const [existing] = await tx.select({ id: addresses.id }).from(addresses).where(eq(addresses.userId, userId)).limit(1);
  if (existing) return;
  await tx.insert(addresses).values(
    person.addresses.map((address) => {
      const region = regionOf(address.areaCode);
      if (!region) throw new Error(`seed: unknown area code ${address.areaCode}`);
      return { userId, ...address, province: region.province, city: region.city, county: region.county };
    }),
  );
}
