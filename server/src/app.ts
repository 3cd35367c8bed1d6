import Router from '@koa/router';
import type { Database } from '@qiaodu/db';
import Koa from 'koa';
import type { Logger } from 'pino';
import { startCatalogCache } from './catalog/catalog-change-feed';
import { mountCatalogRoutes } from './catalog/routes';
import { createCatalogService } from './catalog/service';
import { jsonBody } from './http/json-body';
import { responseCache } from './http/response-cache';
import { httpEdge } from './http/edge';
import { loggableError } from './http/loggable-error';
import { createRouteMounter } from './http/route';
import { mountOpenApiRoutes } from './openapi/routes';
import { staticFiles } from './static/storefront';
import { mountSystemRoutes } from './system/routes';
import { createDemoPersonas } from './auth/demo-personas';
import { createRateLimiter, DEFAULT_LOGIN_RATE_LIMIT_PER_MINUTE } from './auth/rate-limit';
import { mountAuthRoutes } from './auth/routes';
import { invalidatingSessionsAfterCommit, startSessionCache } from './auth/session-cache';
import { createSessionService, DEFAULT_SESSION_LIFETIMES, type SessionLifetimes } from './auth/session-service';
import { createAddressService } from './accounts/address-service';
import { createMeService } from './accounts/me-service';
import { mountAccountRoutes } from './accounts/routes';
import { DEMO_WECHAT_CONFIG, isDemoMode, type WeChatConfig } from './wechat/config';
import { createWeChatLogin } from './wechat/login-service';
import { mountConsoleRoutes } from './console/routes';
import type { MediaStorage } from './media/storage';
import { mountProductRoutes } from './products/routes';
import { mountInventoryRoutes } from './inventory/routes';
import { mountCartRoutes } from './cart/routes';
import { mountOrderRoutes } from './orders/routes';
import { startOrderJobs, type OrderJobs } from './orders/jobs';
import { DEFAULT_ORDER_SETTINGS, type OrderSettings } from './orders/settings';
import type { OrderDeps } from './orders/deps';
import { placeDemoOrders } from './orders/demo-orders';
import { mountFulfilmentRoutes } from './fulfilment/routes';
import { mountAfterSalesRoutes } from './after-sales/routes';
import { createDemoRefundExecutor } from './after-sales/demo-executor';
import type { RefundExecutor } from './after-sales/refund-executor';
import { createRefundExecutorByChannel, createWeChatRefundExecutor } from './after-sales/wechat-executor';
import { refundSyncPass } from './after-sales/refund-sync';
import type { WeChatPayConfig } from './wechatpay/config';
import type { WeChatPayGateway } from './wechatpay/gateway';
import { startWeChatPay } from './payments/wechat-pay-runtime';
import { handleWeChatNotification } from './payments/notification-intake';
import { mountWeChatNotificationRoutes } from './payments/notification-routes';
import { createTransactionApplier } from './payments/transaction-apply';
import { createRefundApplier } from './payments/refund-apply';
import { paymentJobPasses } from './payments/job-passes';
import { mountPaymentRoutes } from './payments/routes';
import type { ShiftDeps } from './shifts/deps';
import { mountShiftPlanningRoutes } from './shifts/planning/routes';
import { mountAttendanceRoutes } from './shifts/attendance/routes';
import { shiftJobPasses } from './shifts/attendance/job-passes';
import { mountGradingRoutes } from './grading/routes';
import { ensureDefaultRubrics } from './grading/default-rubrics';
import { mountShiftReportRoutes } from './shift-reports/routes';

export interface AppDeps {
  database: Database;
  logger: Logger;
  /** The built storefront (storefront/dist); null or absent serves the API only. */
  storefrontDist?: string | null;
  /** URL prefix → folder, e.g. { '/media/seed/': SEED_IMAGES_DIR }. */
  mediaDirs?: Record<string, string>;
  /** Where uploaded pictures are kept (main.ts: local disk under DATA_DIR/media). */
  mediaStorage: MediaStorage;
  /** Check every answer against its shared response schema (tests and development). */
  validateResponses?: boolean;
  trustProxy?: boolean;
  /** With trustProxy: how many proxies of ours append to X-Forwarded-For (default 1). */
  proxyHops?: number;
  /** false turns the catalog cache off (benchmarks measure the uncached path with it). */
  catalogCache?: boolean;
  /** false looks every bearer token up in the database (benchmarks measure that path with it). */
  sessionCache?: boolean;
  version?: string;
  /** The time every rule (session expiry, tickets) reads; tests move it instead of sleeping. */
  clock?: () => Date;
  /** WeChat apps to log in with; absent or without a mini-program: demo mode. */
  wechat?: WeChatConfig;
  /** How long a call to WeChat may take before the login answers WECHAT_BUSY (default 5 s). */
  wechatTimeoutMs?: number;
  sessionLifetimes?: SessionLifetimes;
  loginRateLimitPerMinute?: number;
  /** Origins allowed to call the API from another site (CORS). */
  corsOrigins?: readonly string[];
  /** Pay timeout, auto-completion, shipping fees, refund threshold (defaults: orders/settings). */
  orderSettings?: OrderSettings;
  /**
   * Pays approved refunds back; absent: WeChat Pay's refunds API when there is a gateway (the
   * demo executor still for orders the demo seed paid), the demo executor when there is none.
   */
  refundExecutor?: RefundExecutor;
  /** The merchant's WeChat Pay (WECHATPAY_*); absent or null: the simulator in a demo shop, else no payment. */
  wechatPay?: WeChatPayConfig | null;
  /** Demo mode keeps the simulator's generated keys here (DATA_DIR); absent or null: in memory. */
  demoPayKeysDir?: string | null;
  /**
   * Run the expiry and auto-complete jobs on a timer (default true). Tests that move the clock
   * turn it off and call `orderJobs.runOnce()` themselves.
   */
  orderJobTimer?: boolean;
  /** A demo shop seeded this start: the demo customers place a few orders (orders/demo-orders). */
  placeDemoOrders?: boolean;
}

export interface BuiltApp {
  app: Koa;
  /** The background order jobs of this process (expiry, auto-completion). */
  orderJobs: OrderJobs;
  /** Stops background listeners; the caller closes the database afterwards. */
  close(): Promise<void>;
}

/**
 * Orders the demo seed paid moved no money: their refunds go to the demo executor, every other
 * refund to WeChat Pay. Without a gateway there is no WeChat payment to refund.
 */
function refundExecutorFor(gateway: WeChatPayGateway | null, clock: () => Date, logger: Logger): RefundExecutor {
  const demo = createDemoRefundExecutor(clock);
  if (!gateway) return demo;
  return createRefundExecutorByChannel({ demo, wechat: createWeChatRefundExecutor({ gateway, clock, logger }) });
}

/** Builds the whole API from its dependencies, so tests build exactly what main.ts runs. */
export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  // Behind N proxies only the last N X-Forwarded-For entries are theirs; the rest is whatever
  // the client wrote, and the login rate limit keys on the address.
  const app = new Koa({ proxy: deps.trustProxy ?? false, maxIpsCount: deps.proxyHops ?? 1 });
  app.silent = true;
  app.on('error', (error: unknown) => deps.logger.error({ err: loggableError(error) }, 'koa error'));

  const catalogCache = await startCatalogCache(deps.database, deps.logger, { enabled: deps.catalogCache ?? true });
  const catalog = createCatalogService(deps.database.db, catalogCache.answers);

  const clock = deps.clock ?? (() => new Date());
  const db = deps.database.db;
  const wechat = deps.wechat ?? DEMO_WECHAT_CONFIG;
  const sessionCache = deps.sessionCache === false ? null : await startSessionCache(deps.database, deps.logger);
  const sessions = createSessionService(db, clock, deps.sessionLifetimes ?? DEFAULT_SESSION_LIFETIMES, sessionCache);
  // The services that change roles and team ties: this process sees their changes at once.
  const actorWritesDb = invalidatingSessionsAfterCommit(db, sessionCache);

  const wechatPay = await startWeChatPay({
    merchant: deps.wechatPay ?? null,
    demoLogin: isDemoMode(wechat),
    demoKeysDir: deps.demoPayKeysDir ?? null,
    logger: deps.logger,
  });

  const router = new Router();
  const mount = createRouteMounter(router, {
    validateResponses: deps.validateResponses ?? false,
    authenticate: sessions.authenticate,
  });
  mountSystemRoutes(mount, deps.database);
  mountCatalogRoutes(mount, catalog);
  mountAuthRoutes(mount, {
    sessions,
    wechat,
    wechatLogin: createWeChatLogin({ db, config: wechat, logger: deps.logger, clock, timeoutMs: deps.wechatTimeoutMs }),
    demoPersonas: createDemoPersonas(db),
    loginLimiter: createRateLimiter(db, clock, deps.loginRateLimitPerMinute ?? DEFAULT_LOGIN_RATE_LIMIT_PER_MINUTE),
    payment: wechatPay.payment,
  });
  mountConsoleRoutes(mount, { db: actorWritesDb, clock, sessions });
  mountProductRoutes(mount, { db, clock, media: deps.mediaStorage });
  mountInventoryRoutes(mount, { db, clock });
  const settings = deps.orderSettings ?? DEFAULT_ORDER_SETTINGS;
  const orderDeps: OrderDeps = {
    db,
    clock,
    settings,
    logger: deps.logger,
    media: deps.mediaStorage,
    refundExecutor: deps.refundExecutor ?? refundExecutorFor(wechatPay.gateway, clock, deps.logger),
    demoPayment: isDemoMode(wechat),
    wechatPay: wechatPay.gateway,
    paymentSimulator: wechatPay.simulator,
  };
  const appliers = { transaction: createTransactionApplier(orderDeps), refund: createRefundApplier(orderDeps) };
  wechatPay.connect((kind, request) => handleWeChatNotification(orderDeps, kind, request, appliers));
  mountCartRoutes(mount, orderDeps);
  mountOrderRoutes(mount, orderDeps);
  mountPaymentRoutes(mount, orderDeps, appliers);
  mountWeChatNotificationRoutes(router, orderDeps, appliers);
  mountFulfilmentRoutes(mount, orderDeps);
  mountAfterSalesRoutes(mount, orderDeps);
  if (deps.placeDemoOrders && orderDeps.demoPayment) {
    deps.logger.info({ orders: await placeDemoOrders(orderDeps) }, 'placed demo orders');
  }
  const shiftDeps: ShiftDeps = { db, clock, logger: deps.logger };
  mountShiftPlanningRoutes(mount, shiftDeps);
  mountAttendanceRoutes(mount, shiftDeps);
  // A fresh database gets each post's default rubric (idempotent, safe from two processes).
  await ensureDefaultRubrics(db);
  mountGradingRoutes(mount, shiftDeps);
  mountShiftReportRoutes(mount, shiftDeps);
  const orderJobs = startOrderJobs(orderDeps, {
    intervalMs: deps.orderJobTimer === false ? null : settings.jobIntervalSeconds * 1000,
    // Closing expired trades at WeChat, refunding late payments, settling refunds still processing;
    // marking no-shows and closing forgotten clock-outs.
    passes: [...(wechatPay.gateway ? [...paymentJobPasses(orderDeps), refundSyncPass(orderDeps)] : []), ...shiftJobPasses(shiftDeps)],
  });
  mountAccountRoutes(mount, {
    me: createMeService(actorWritesDb, clock, sessions),
    addresses: createAddressService(db, clock),
  });
  mountOpenApiRoutes(router, deps.version ?? '0.1.0');

  // Few layers on purpose: each costs every request a promise and a closure.
  app.use(httpEdge(app, deps.logger, { corsOrigins: deps.corsOrigins }));
  app.use(responseCache(catalogCache.responses));
  const served = deps.mediaStorage.served;
  const media = { ...deps.mediaDirs, ...(served ? { [served.urlPrefix]: served.dir } : {}) };
  app.use(staticFiles({ storefrontDist: deps.storefrontDist ?? null, media }));
  app.use(jsonBody());
  app.use(router.routes());
  // Runs after the routes: a known path with another method becomes a 405 here.
  app.use(router.allowedMethods({ throw: true }));

  return {
    app,
    orderJobs,
    async close() {
      await orderJobs.stop();
      await wechatPay.close();
      await catalogCache.stop();
      await sessionCache?.stop();
    },
  };
}
