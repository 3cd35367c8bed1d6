import { describe, expect, it } from 'vitest';
import { allocate as allocateWith, type AllocationRequest, type LockedSku } from './allocate';

const SHIPPING = { freeAboveFen: 9_900, flatFeeFen: 800 };
type Request = Omit<AllocationRequest, 'delivery'> & Partial<Pick<AllocationRequest, 'delivery'>>;
/** Pickup orders under the default shipping rules unless a request says otherwise. */
const allocate = (requests: readonly Request[], skus: Map<number, LockedSku>, purchased: Map<string, number>, skipped?: Set<number>) =>
  allocateWith(
    requests.map((request) => ({ delivery: 'pickup' as const, ...request })),
    skus,
    purchased,
    SHIPPING,
    skipped,
  );

const sku = (id: number, stock: number, extra: Partial<LockedSku> = {}): [number, LockedSku] => [
  id,
  { id, productId: id * 10, stock, onSale: true, priceFen: 1000, purchaseLimit: null, ...extra },
];

const codes = (results: ReturnType<typeof allocate>) => results.map((result) => (result.granted ? 'ok' : result.error.code));

describe('allocating a batch of orders', () => {
  it('should grant in arrival order until the stock runs out, each order all or nothing', () => {
    const skus = new Map([sku(1, 5), sku(2, 1)]);
    const results = allocate(
      [
        { customerId: 1, lines: [{ skuId: 1, quantity: 2 }] },
        { customerId: 2, lines: [{ skuId: 1, quantity: 2 }, { skuId: 2, quantity: 2 }] },
        { customerId: 3, lines: [{ skuId: 1, quantity: 3 }] },
        { customerId: 4, lines: [{ skuId: 1, quantity: 3 }] },
      ],
      skus,
      new Map(),
    );
    // The second order is short of SKU 2 and takes none of SKU 1, so the third still fits.
    expect(codes(results)).toEqual(['ok', 'OUT_OF_STOCK', 'ok', 'OUT_OF_STOCK']);
    expect(results[1]!.granted ? null : results[1]!.error.details).toEqual({ skus: [{ skuId: 2, requested: 2, available: 1 }] });
    expect(results[3]!.granted ? null : results[3]!.error.details).toEqual({ skus: [{ skuId: 1, requested: 3, available: 0 }] });
  });

  it('should refuse unknown SKUs and goods off sale before anything else', () => {
    const skus = new Map([sku(1, 0, { onSale: false })]);
    const [result] = allocate([{ customerId: 1, lines: [{ skuId: 1, quantity: 1 }, { skuId: 9, quantity: 1 }] }], skus, new Map());
    expect(result).toMatchObject({ granted: false, error: { code: 'SKU_UNAVAILABLE', details: { skuIds: [1, 9] } } });
  });

  it('should count 限购 over earlier purchases and earlier orders of the same batch', () => {
    const skus = new Map([sku(1, 100, { purchaseLimit: 3 })]);
    const results = allocate(
      [
        { customerId: 1, lines: [{ skuId: 1, quantity: 1 }] },
        { customerId: 1, lines: [{ skuId: 1, quantity: 1 }] },
        { customerId: 2, lines: [{ skuId: 1, quantity: 3 }] },
      ],
      skus,
      new Map([['1:10', 2]]),
    );
    expect(codes(results)).toEqual(['ok', 'PURCHASE_LIMIT_EXCEEDED', 'ok']);
    expect(results[1]!.granted ? null : results[1]!.error.details).toEqual({ productId: 10, limit: 3, bought: 3 });
  });

  it('should only ever grant more when requests drop out (replays found on insert)', () => {
    const skus = new Map([sku(1, 2)]);
    const requests = [1, 2, 3].map((customerId) => ({ customerId, lines: [{ skuId: 1, quantity: 1 }] }));
    expect(codes(allocate(requests, skus, new Map()))).toEqual(['ok', 'ok', 'OUT_OF_STOCK']);
    expect(codes(allocate(requests, skus, new Map(), new Set([0])))).toEqual(['INVALID_STATE', 'ok', 'ok']);
  });

  it('should refuse an order with nothing to pay (WeChat Pay takes at least 1 fen), unless shipping costs something', () => {
    const skus = new Map([sku(1, 5, { priceFen: 0 }), sku(2, 5, { priceFen: 1 })]);
    const results = allocate(
      [
        { customerId: 1, lines: [{ skuId: 1, quantity: 2 }] },
        { customerId: 2, lines: [{ skuId: 1, quantity: 1 }], delivery: 'express' },
        { customerId: 3, lines: [{ skuId: 2, quantity: 1 }] },
      ],
      skus,
      new Map(),
    );
    expect(codes(results)).toEqual(['ORDER_AMOUNT_ZERO', 'ok', 'ok']);
    const free = allocateWith([{ customerId: 1, lines: [{ skuId: 1, quantity: 1 }], delivery: 'express' }], skus, new Map(), { freeAboveFen: 0, flatFeeFen: 800 });
    expect(codes(free)).toEqual(['ORDER_AMOUNT_ZERO']);
  });
});
