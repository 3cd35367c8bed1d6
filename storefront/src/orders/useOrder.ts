import type { MaybeRefOrGetter } from 'vue';
import { getOrder } from '../api/orders';
import { useResource } from '../composables/useResource';

/** One of the customer's orders by id, loaded again when the id changes (订单详情, 申请售后). */
export function useOrder(id: MaybeRefOrGetter<number | null>) {
  return useResource(id, (key, signal) => getOrder(key, { signal }));
}
