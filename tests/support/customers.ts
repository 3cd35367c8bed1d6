import { schema, type Db } from '@qiaodu/db';
import { hashSecret, newSecret, SESSION_TOKEN_PREFIX } from '@qiaodu/server/auth/tokens';
import { regionOf } from '@qiaodu/shared/regions';

const { addresses, sessions, users } = schema;

export interface TestCustomer {
  userId: number;
  /** A bearer token of a live session. */
  token: string;
  /** The customer's one (default) address, for express orders. */
  addressId: number;
}

const DAY_MS = 86_400_000;
const AREA_CODE = '440703';

/**
 * Many distinct customers at once, each with a live session and a default address, written
 * straight to the database: demo login knows only the seeded personas, and the flash-sale
 * proofs need hundreds of buyers. Tokens are stored hashed exactly as the server's session
 * service stores them, so to the server these are ordinary logged-in customers.
 */
export async function createCustomers(db: Db, count: number, label = '抢购'): Promise<TestCustomer[]> {
  const region = regionOf(AREA_CODE);
  if (!region) throw new Error(`unknown area code ${AREA_CODE}`);
  const now = new Date();
  const ends = new Date(now.getTime() + DAY_MS);
  const tag = Math.random().toString(36).slice(2, 6);
  const created: TestCustomer[] = [];
  // In chunks: one statement per few hundred rows keeps the parameter count far from the limit.
  for (let start = 0; start < count; start += 500) {
    const size = Math.min(500, count - start);
    const people = await db
      .insert(users)
      .values(Array.from({ length: size }, (_, i) => ({ displayName: `${label}买家${tag}${start + i + 1}` })))
      .returning({ id: users.id });
    const tokens = people.map(() => newSecret(SESSION_TOKEN_PREFIX));
    await db.insert(sessions).values(
      people.map((person, i) => ({
        userId: person.id,
        tokenHash: hashSecret(tokens[i]!),
        channel: 'demo' as const,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: ends,
        endsAt: ends,
      })),
    );
    const rows = await db
      .insert(addresses)
      .values(
        people.map((person, i) => ({
          userId: person.id,
          name: `买家${start + i + 1}`,
          phone: `139${String(10_000_000 + ((start + i) % 90_000_000)).padStart(8, '0')}`,
          areaCode: AREA_CODE,
          province: region.province,
          city: region.city,
          county: region.county,
          detail: `建设三路 ${start + i + 1} 号`,
          isDefault: true,
        })),
      )
      .returning({ id: addresses.id, userId: addresses.userId });
    const addressOf = new Map(rows.map((row) => [row.userId, row.id]));
    people.forEach((person, i) => created.push({ userId: person.id, token: tokens[i]!, addressId: addressOf.get(person.id)! }));
  }
  return created;
}
