import type { Db } from '@qiaodu/db';
import { sql } from 'drizzle-orm';
import { jsonOf } from '../../inventory/raw-rows';
import type { LockedSku } from './allocate';
import { coalesce } from './coalesce';
import type { PlacementRequest } from './place-batch';

/** What a placement needs to know before it may join a batch. */
export interface Prelude {
  /** The order already placed with this customer's key, if any. */
  earlier: { id: number; hash: string } | null;
  /** The SKUs asked for as committed right now (no lock): enough to refuse, never to grant. */
  skus: Map<number, LockedSku>;
  /** The customer's address asked for (null: none asked for, or not theirs). */
  address: PlacementRequest['address'];
}

/**
 * Validated before it gets here (ids are positive 32-bit integers, see shared Id): no one
 * request's values can make the shared statement fail for the others that came with it.
 */
export interface PreludeInput {
  customerId: number;
  /** Already checked against IDEMPOTENCY_KEY_PATTERN (letters, digits, - and _: never a comma). */
  key: string;
  skuIds: readonly number[];
  addressId: number | null;
}

type Address = NonNullable<PlacementRequest['address']>;

/** One lookup answers this many placements at most: the parameters stay a few kilobytes. */
const PRELUDES_MAX = 256;

/**
 * Everything a placement checks without locks: an earlier order under the key (a replay), the
 * address, and the SKUs' current stock and status. A flash sale's sold-out refusals are answered
 * from this alone, so they never queue behind the hot SKU's lock, and at hundreds a second the
 * round trip per request was their whole cost: so the preludes of requests arriving together go
 * in ONE statement (coalesce.ts), each request's values an element of comma-joined lists (text,
 * so the statement is the same on postgres.js and PGlite) unnested with their position `n`.
 * A named prepared statement, planned once per connection: the planning and the query builder
 * would otherwise cost more than the lookups themselves.
 */
export function createPreludeReader(db: Db) {
  const ints = (name: string) => sql`string_to_array(${sql.placeholder(name)}, ',')::integer[]`;
  const preludes = db
    .select({
      // Customers that exist: an unknown one is told what a lookup hung off its users row told it (nothing).
      known: sql`(select coalesce(json_agg(u.id), '[]'::json) from users u where u.id = any(${ints('customerIds')}))`,
      earlier: sql`(select coalesce(json_agg(json_build_object('n', r.n, 'order', json_build_object('id', o.id, 'hash', o.request_hash))), '[]'::json)
        from unnest(${ints('customerIds')}, string_to_array(${sql.placeholder('keys')}, ',')) with ordinality as r(customer_id, key, n)
        join orders o on o.customer_id = r.customer_id and o.idempotency_key = r.key)`,
      skus: sql`(select coalesce(json_agg(json_build_object('id', s.id, 'productId', s.product_id, 'stock', s.stock_available,
          'onSale', p.status = 'on_sale', 'priceFen', s.price_fen, 'purchaseLimit', p.purchase_limit)), '[]'::json)
        from skus s join products p on p.id = s.product_id
        where s.id = any(${ints('skuIds')}))`,
      addresses: sql`(select coalesce(json_agg(json_build_object('n', r.n, 'address', json_build_object('name', a.name, 'phone', a.phone,
          'areaCode', a.area_code, 'province', a.province, 'city', a.city, 'county', a.county, 'detail', a.detail))), '[]'::json)
        from unnest(${ints('addressIds')}, ${ints('customerIds')}) with ordinality as r(address_id, user_id, n)
        join addresses a on a.id = r.address_id and a.user_id = r.user_id)`,
    })
    .from(sql`(values (1)) as one(x)`)
    .prepare('order_placement_preludes');

  async function readMany(inputs: readonly PreludeInput[]): Promise<Prelude[]> {
    const [row] = await preludes.execute({
      customerIds: inputs.map((input) => input.customerId).join(','),
      keys: inputs.map((input) => input.key).join(','),
      skuIds: [...new Set(inputs.flatMap((input) => input.skuIds))].join(','),
      // 0 matches no address: the request asked for none.
      addressIds: inputs.map((input) => input.addressId ?? 0).join(','),
    });
    const known = new Set(jsonOf<number[]>(row?.known ?? '[]'));
    const earlier = new Map(jsonOf<{ n: number; order: { id: number; hash: string } }[]>(row?.earlier ?? '[]').map((hit) => [hit.n, hit.order]));
    const skus = jsonOf<LockedSku[]>(row?.skus ?? '[]');
    const addresses = new Map(jsonOf<{ n: number; address: Address }[]>(row?.addresses ?? '[]').map((hit) => [hit.n, hit.address]));
    return inputs.map((input, index): Prelude => {
      if (!known.has(input.customerId)) return { earlier: null, skus: new Map(), address: null };
      const asked = new Set(input.skuIds);
      return {
        earlier: earlier.get(index + 1) ?? null,
        // Only the SKUs this request asked for, as its own lookup would have found them.
        skus: new Map(skus.filter((sku) => asked.has(sku.id)).map((sku) => [sku.id, sku])),
        address: input.addressId !== null ? (addresses.get(index + 1) ?? null) : null,
      };
    });
  }

  return coalesce(readMany, PRELUDES_MAX);
}
