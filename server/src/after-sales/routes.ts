import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import { readUpload } from '../media/upload';
import type { OrderDeps } from '../orders/deps';
import { createCustomerRefundService } from './customer-service';
import { createTeamRefundService } from './team-service';

/**
 * After-sales: the customer asks for refunds on their orders; the team that owns the goods
 * (its supervising teacher above the threshold) decides, the refund executor pays back, and
 * the team restocks or writes off the returned units. The mounter has already asked the
 * policy about each console endpoint's `access` for the team in the path.
 */
export function mountAfterSalesRoutes(mount: RouteMounter, deps: OrderDeps): void {
  const customer = createCustomerRefundService(deps);
  const team = createTeamRefundService(deps);
  const created = { created: true };

  mount(endpoints.requestRefund, ({ actor, params, body }) => customer.request(actor, params.id, body), created);
  const photoLimits = endpoints.uploadRefundPhoto.upload;
  if (!photoLimits) throw new Error('uploadRefundPhoto must declare its upload field and size');
  mount(endpoints.uploadRefundPhoto, ({ actor, params }, ctx) => customer.uploadPhoto(actor, params.id, () => readUpload(ctx, photoLimits)), created);
  mount(endpoints.listRefunds, ({ actor, query }) => customer.list(actor, query));
  mount(endpoints.getRefund, ({ actor, params }) => customer.get(actor, params.id));
  mount(endpoints.withdrawRefund, ({ actor, params }) => customer.withdraw(actor, params.id));

  mount(endpoints.listTeamRefunds, ({ actor, params, query }) => team.list(actor, params.teamId, query));
  mount(endpoints.getTeamRefund, ({ actor, params }) => team.get(actor, params.teamId, params.refundId));
  mount(endpoints.approveRefund, ({ actor, params, body }) => team.approve(actor, params.teamId, params.refundId, body.comment));
  mount(endpoints.rejectRefund, ({ actor, params, body }) => team.reject(actor, params.teamId, params.refundId, body.comment));
  mount(endpoints.retryRefund, ({ actor, params }) => team.retry(actor, params.teamId, params.refundId));
  mount(endpoints.disposeRefund, ({ actor, params, body }) => team.dispose(actor, params.teamId, params.refundId, body.disposition));
}
