import type { Db } from '@qiaodu/db';
import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../http/route';
import type { MediaStorage } from '../media/storage';
import { readUpload } from '../media/upload';
import { createImageService } from './image-service';
import { createProductService } from './service';
import { createWorkflowService } from './workflow-service';

/**
 * A team's products in the console, their pictures and the teacher's review. The mounter has
 * authenticated the caller and asked the policy about the endpoint's access for the team in
 * the path; the services scope every query to that team.
 */
export function mountProductRoutes(mount: RouteMounter, deps: { db: Db; clock: () => Date; media: MediaStorage }): void {
  const products = createProductService(deps);
  const workflow = createWorkflowService(deps);
  const images = createImageService(deps);
  const created = { created: true };

  mount(endpoints.listTeamProducts, ({ params, query }) => products.list(params.teamId, query));
  mount(endpoints.createProduct, ({ actor, params, body }) => products.create(actor, params.teamId, body), created);
  mount(endpoints.getTeamProduct, ({ actor, params }) => products.get(actor, params.teamId, params.productId));
  mount(endpoints.updateProduct, ({ actor, params, body }) => products.update(actor, params.teamId, params.productId, body));
  mount(endpoints.deleteProduct, ({ params }) => products.remove(params.teamId, params.productId));
  mount(endpoints.previewProduct, ({ params }) => products.preview(params.teamId, params.productId));

  mount(endpoints.submitProduct, ({ actor, params }) => workflow.transition(actor, params.teamId, params.productId, 'submit'));
  mount(endpoints.withdrawProduct, ({ actor, params }) => workflow.transition(actor, params.teamId, params.productId, 'withdraw'));
  mount(endpoints.takeProductOffShelf, ({ actor, params }) => workflow.transition(actor, params.teamId, params.productId, 'take_off_shelf'));
  mount(endpoints.relistProduct, ({ actor, params }) => workflow.transition(actor, params.teamId, params.productId, 'relist'));
  mount(endpoints.approveProduct, ({ actor, params, body }) => workflow.transition(actor, params.teamId, params.productId, 'approve', body.comment));
  mount(endpoints.rejectProduct, ({ actor, params, body }) => workflow.transition(actor, params.teamId, params.productId, 'reject', body.comment));
  mount(endpoints.listApprovals, ({ actor }) => workflow.approvalQueue(actor));

  const limits = endpoints.uploadProductImage.upload;
  if (!limits) throw new Error('uploadProductImage must declare its upload field and size');
  mount(
    endpoints.uploadProductImage,
    ({ actor, params }, ctx) => images.upload(actor, params.teamId, params.productId, () => readUpload(ctx, limits)),
    created,
  );
  mount(endpoints.deleteProductImage, ({ actor, params }) => images.remove(actor, params.teamId, params.productId, params.imageId));
  mount(endpoints.reorderProductImages, ({ actor, params, body }) => images.reorder(actor, params.teamId, params.productId, body.imageIds));
}
