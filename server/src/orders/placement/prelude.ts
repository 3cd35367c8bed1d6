import { schema, type Db } from '@qiaodu/db';
import { eq, sql } from 'drizzle-orm';
import { jsonOf } from '../../inventory/raw-rows';
import type { LockedSku } from './allocate';
import type { PlacementRequest } from './place-batch';

const { users } = schema;

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
 * One round trip for everything a placement checks without locks: an earlier order under the
 * key (a replay), the address, and the SKUs' current stock and status. A flash sale's sold-out
 * refusals are answered from this alone, so they never queue behind the hot SKU's lock. A named
 * prepared statement (planned once per connection), hung off the customer's own users row: at
 * hundreds of requests a second the planning and the query builder would cost more than the
 * lookups themselves.
 */
export function createPreludeReader(db: Db) {
  const prelude = db
    .select({
      earlier: sql`(select json_build_object('id', o.id, 'hash', o.request_hash) from orders o
        where o.customer_id = ${sql.placeholder('customerId')} and o.idempotency_key = ${sql.placeholder('key')})`,
      skus: sql`(select coalesce(json_agg(json_build_object('id', s.id, 'productId', s.product_id, 'stock', s.stock_available,
          'onSale', p.status = 'on_sale', 'priceFen', s.price_fen, 'purchaseLimit', p.purchase_limit)), '[]'::json)
        from skus s join products p on p.id = s.product_id
        where s.id = any(string_to_array(${sql.placeholder('skuIds')}, ',')::integer[]))`,
      address: sql`(select json_build_object('name', a.name, 'phone', a.phone, 'areaCode', a.area_code, 'province', a.province,
          'city', a.city, 'county', a.county, 'detail', a.detail) from addresses a
        where a.id = ${sql.placeholder('addressId')}::integer and a.user_id = ${sql.placeholder('customerId')})`,
    })
    .from(users)
    .where(eq(users.id, sql.placeholder('customerId')))
    .prepare('order_placement_prelude');

  return async function readPrelude(input: { customerId: number; key: string; skuIds: readonly number[]; addressId: number | null }): Promise<Prelude> {
    const [row] = await prelude.execute({
      customerId: input.customerId,
      key: input.key,
      skuIds: input.skuIds.join(','),
      addressId: input.addressId ?? 0,
    });
    return {
      earlier: row?.earlier ? jsonOf<{ id: number; hash: string }>(row.earlier) : null,
      skus: new Map(jsonOf<LockedSku[]>(row?.skus ?? '[]').map((sku) => [sku.id, sku])),
      address: input.addressId !== null && row?.address ? jsonOf<NonNullable<PlacementRequest['address']>>(row.address) : null,
    };
  };
}
