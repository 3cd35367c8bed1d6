import { schema, type Db } from '@qiaodu/db';
import type { RefundDetail, RefundList, RequestRefundBody, TeamRefundList, TimelineEntry, TeamRefund } from '@qiaodu/shared';
import { asc, eq } from 'drizzle-orm';
import type { Answer, personaClient } from './auth';
import { getJson, type JsonResponse } from './test-app';

const { orderEvents, refunds, refundItems, refundEvents, stockMovements } = schema;

export type TeamRefundDetail = TeamRefund & { timeline: TimelineEntry[] };

/**
 * After-sales calls over real HTTP as demo personas: the customer's side and the console's.
 * Every call answers the raw response; `…Ok` variants throw unless it succeeded.
 */
export function refundClient(baseUrl: () => string, client: ReturnType<typeof personaClient>) {
  const { send, tokenOf } = client;
  const teamPath = (teamId: number, refundId?: number, action = '') =>
    `/api/console/teams/${teamId}/refunds${refundId === undefined ? '' : `/${refundId}`}${action}`;

  const request = (persona: string, orderId: number, body: RequestRefundBody | Record<string, unknown>) =>
    send<RefundDetail>(persona, 'POST', `/api/orders/${orderId}/refunds`, body);
  const requestOk = async (persona: string, orderId: number, body: RequestRefundBody) => ok(await request(persona, orderId, body), 201, 'request a refund');
  const get = (persona: string, refundId: number) => send<RefundDetail>(persona, 'GET', `/api/refunds/${refundId}`);
  const list = (persona: string, query = '') => send<RefundList>(persona, 'GET', `/api/refunds${query}`);
  const withdraw = (persona: string, refundId: number) => send<RefundDetail>(persona, 'POST', `/api/refunds/${refundId}/withdraw`);

  const teamList = (persona: string, teamId: number, query = '') => send<TeamRefundList>(persona, 'GET', `${teamPath(teamId)}${query}`);
  const teamGet = (persona: string, teamId: number, refundId: number) => send<TeamRefundDetail>(persona, 'GET', teamPath(teamId, refundId));
  const approve = (persona: string, teamId: number, refundId: number, comment?: string) =>
    send<TeamRefundDetail>(persona, 'POST', teamPath(teamId, refundId, '/approve'), comment === undefined ? {} : { comment });
  const approveOk = async (persona: string, teamId: number, refundId: number, comment?: string) =>
    ok(await approve(persona, teamId, refundId, comment), 200, 'approve the refund');
  const reject = (persona: string, teamId: number, refundId: number, body: Record<string, unknown>) =>
    send<TeamRefundDetail>(persona, 'POST', teamPath(teamId, refundId, '/reject'), body);
  const retry = (persona: string, teamId: number, refundId: number) => send<TeamRefundDetail>(persona, 'POST', teamPath(teamId, refundId, '/retry'));
  const dispose = (persona: string, teamId: number, refundId: number, disposition: string) =>
    send<TeamRefundDetail>(persona, 'POST', teamPath(teamId, refundId, '/disposition'), { disposition });

  /** A refund photo as a browser form sends it (multipart, field `file`). */
  async function uploadPhoto(persona: string, orderId: number, bytes: Buffer, type = 'image/jpeg'): Promise<JsonResponse<Answer<{ url: string }>>> {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), 'photo.jpg');
    return getJson<Answer<{ url: string }>>(`${baseUrl()}/api/orders/${orderId}/refund-photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenOf(persona)}` },
      body: form,
    });
  }

  return { request, requestOk, get, list, withdraw, teamList, teamGet, approve, approveOk, reject, retry, dispose, uploadPhoto };
}

function ok<T>(response: JsonResponse<Answer<T>>, status: number, what: string): T {
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Everything after-sales writes about an order: what a refused request must leave alone. */
export async function refundSnapshot(db: Db, orderId: number): Promise<string> {
  const rows = await db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.id));
  const ids = rows.map((row) => row.id);
  const items = (await db.select().from(refundItems).orderBy(asc(refundItems.refundId))).filter((row) => ids.includes(row.refundId));
  const events = (await db.select().from(refundEvents).orderBy(asc(refundEvents.id))).filter((row) => ids.includes(row.refundId));
  const orderTimeline = await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id));
  return JSON.stringify({ rows, items, events, orderTimeline });
}

/** The ledger rows an order caused (reserve at placement, return at restock …). */
export async function ledgerRowsOfOrder(db: Db, orderId: number) {
  return db
    .select({ skuId: stockMovements.skuId, type: stockMovements.type, quantity: stockMovements.quantity, actorId: stockMovements.actorId })
    .from(stockMovements)
    .where(eq(stockMovements.orderId, orderId))
    .orderBy(asc(stockMovements.id));
}
