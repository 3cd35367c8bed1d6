import { and, count, desc, eq, ne, sql } from 'drizzle-orm';
import { schema, type Db, type Tx } from '@qiaodu/db';
import type { Region } from '@qiaodu/shared/regions';

const { addresses, users } = schema;

export type AddressRow = typeof addresses.$inferSelect;

export interface AddressFields extends Region {
  name: string;
  phone: string;
  detail: string;
}

/** Every query is scoped by the owner: another customer's address id finds nothing. */
export function createAddressRepository(db: Db) {
  return {
    list(userId: number): Promise<AddressRow[]> {
      return db
        .select()
        .from(addresses)
        .where(eq(addresses.userId, userId))
        .orderBy(desc(addresses.isDefault), desc(addresses.updatedAt), desc(addresses.id));
    },

    async find(tx: Db | Tx, userId: number, id: number): Promise<AddressRow | null> {
      const [row] = await tx
        .select()
        .from(addresses)
        .where(and(eq(addresses.id, id), eq(addresses.userId, userId)));
      return row ?? null;
    },

    /** Serialises one customer's address-book changes, so the 20-address limit holds under races. */
    async lockOwner(tx: Tx, userId: number): Promise<void> {
      await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    },

    async countOf(tx: Tx, userId: number): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(addresses).where(eq(addresses.userId, userId));
      return row?.n ?? 0;
    },

    /** Clears the default flag on the owner's other addresses (the unique index allows one). */
    async clearDefault(tx: Tx, userId: number, exceptId?: number): Promise<void> {
      await tx
        .update(addresses)
        .set({ isDefault: false })
        .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true), exceptId ? ne(addresses.id, exceptId) : undefined));
    },

    async insert(tx: Tx, userId: number, fields: AddressFields, isDefault: boolean, now: Date): Promise<AddressRow> {
      const [row] = await tx
        .insert(addresses)
        .values({ userId, ...fields, isDefault, createdAt: now, updatedAt: now })
        .returning();
      return row!;
    },

    async update(tx: Tx, userId: number, id: number, fields: Partial<AddressFields> & { isDefault?: boolean }, now: Date) {
      const [row] = await tx
        .update(addresses)
        .set({ ...fields, updatedAt: now })
        .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
        .returning();
      return row ?? null;
    },

    /**
     * Makes the most recently changed address the default when the customer has addresses but
     * none is default (after deleting or un-defaulting it), passing over `passOver` if it can.
     */
    async ensureDefault(tx: Tx, userId: number, passOver?: number): Promise<void> {
      const [current] = await tx
        .select({ id: addresses.id })
        .from(addresses)
        .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true)));
      if (current) return;
      const [next] = await tx
        .select({ id: addresses.id })
        .from(addresses)
        .where(eq(addresses.userId, userId))
        .orderBy(sql`${addresses.id} = ${passOver ?? 0}`, desc(addresses.updatedAt), desc(addresses.id))
        .limit(1);
      if (next) await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, next.id));
    },

    async remove(tx: Db | Tx, userId: number, id: number): Promise<boolean> {
      const rows = await tx
        .delete(addresses)
        .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
        .returning({ id: addresses.id });
      return rows.length > 0;
    },
  };
}
