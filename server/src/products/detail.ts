import type { Db, Tx } from '@qiaodu/db';
import type { ConsoleProductDetail } from '@qiaodu/shared';
import { AppError } from '../http/app-error';
import type { Actor } from '../policy/actor';
import { findActivity, findLatestActivity, findPriceHistory, REVIEW_ACTIONS } from './activity-repository';
import { findImages } from './image-repository';
import { toConsoleProductDetail } from './mapper';
import { findSkus, findTeamName, findTeamProduct, productHasHistory, type ProductRow } from './repository';
import { productCapabilities } from './rules';

const ACTIVITY_SHOWN = 30;
const PRICE_CHANGES_SHOWN = 50;

/** The team's product or 404: another team's product answers exactly like a missing one. */
export async function requireTeamProduct(executor: Db | Tx, teamId: number, productId: number, options: { lock?: boolean } = {}): Promise<ProductRow> {
  const product = await findTeamProduct(executor, teamId, productId, options);
  if (!product) throw new AppError('PRODUCT_NOT_FOUND', '商品不存在');
  return product;
}

/** The console's view of one product, with the buttons this caller may press. */
export async function loadConsoleDetail(executor: Db | Tx, actor: Actor, teamId: number, productId: number): Promise<ConsoleProductDetail> {
  const product = await requireTeamProduct(executor, teamId, productId);
  const teamName = await findTeamName(executor, teamId);
  const skus = await findSkus(executor, productId);
  const images = await findImages(executor, productId);
  const activity = await findActivity(executor, productId, ACTIVITY_SHOWN);
  const priceHistory = await findPriceHistory(executor, productId, PRICE_CHANGES_SHOWN);
  const lastReview = (await findLatestActivity(executor, [productId], REVIEW_ACTIONS)).get(productId);
  const hasHistory = await productHasHistory(executor, productId);
  return toConsoleProductDetail(
    { product, teamName, skus, images, activity, priceHistory, lastReview },
    productCapabilities(actor, { teamId, status: product.status, hasHistory }),
  );
}
