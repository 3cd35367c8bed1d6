import { createRouter, createWebHistory } from 'vue-router';
import type { ConsoleSection } from '@qiaodu/shared';
import type { RouteRecordRaw, Router } from 'vue-router';
import { captureLiveCode } from './live/useLiveCode';
import { setPageTitle } from './wechat';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown in WeChat's title bar. */
    title?: string;
    /** Tab pages show the bottom tab bar. */
    tabbar?: boolean;
    /** Logged-out visitors go to /login first (applies to every child route too). */
    requiresAuth?: boolean;
    /** Console pages: the caller needs one of these sections of `GET /api/me`. */
    consoleSections?: readonly ConsoleSection[];
    /** Console pages: the nav items that light up for them, the first the caller has. */
    navSections?: readonly ConsoleSection[];
  }
}

function idProp(route: { params: Record<string, unknown> }) {
  return { id: Number(route.params.id) };
}

// Every page is its own chunk: the first screen loads only the home page.
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('./pages/shop/HomePage.vue'), meta: { tabbar: true } },
  {
    path: '/categories',
    name: 'categories',
    component: () => import('./pages/shop/CategoriesPage.vue'),
    meta: { title: '商品分类', tabbar: true },
  },
  { path: '/search', name: 'search', component: () => import('./pages/shop/SearchPage.vue'), meta: { title: '搜索商品' } },
  {
    path: '/products/:id(\\d+)',
    name: 'product',
    component: () => import('./pages/shop/ProductPage.vue'),
    props: idProp,
    meta: { title: '商品详情' },
  },
  {
    path: '/partners/:id(\\d+)',
    name: 'partner',
    component: () => import('./pages/shop/PartnerPage.vue'),
    props: idProp,
    meta: { title: '合作伙伴' },
  },
  { path: '/cart', name: 'cart', component: () => import('./pages/shop/CartPage.vue'), meta: { title: '购物车', tabbar: true } },
  { path: '/me', name: 'me', component: () => import('./pages/shop/MePage.vue'), meta: { title: '我的', tabbar: true } },
  { path: '/login', name: 'login', component: () => import('./pages/shop/LoginPage.vue'), meta: { title: '登录' } },
  {
    path: '/me/addresses',
    name: 'addresses',
    component: () => import('./pages/shop/AddressListPage.vue'),
    meta: { title: '收货地址', requiresAuth: true },
  },
  {
    path: '/me/addresses/new',
    name: 'address-new',
    component: () => import('./pages/shop/AddressEditPage.vue'),
    meta: { title: '新增收货地址', requiresAuth: true },
  },
  {
    path: '/me/addresses/:id(\\d+)',
    name: 'address-edit',
    component: () => import('./pages/shop/AddressEditPage.vue'),
    props: idProp,
    meta: { title: '编辑收货地址', requiresAuth: true },
  },
  {
    path: '/checkout',
    name: 'checkout',
    component: () => import('./pages/shop/CheckoutPage.vue'),
    meta: { title: '确认订单', requiresAuth: true },
  },
  {
    path: '/me/orders',
    name: 'orders',
    component: () => import('./pages/shop/OrderListPage.vue'),
    meta: { title: '我的订单', requiresAuth: true },
  },
  {
    path: '/me/orders/:id(\\d+)',
    name: 'order',
    component: () => import('./pages/shop/OrderDetailPage.vue'),
    props: idProp,
    meta: { title: '订单详情', requiresAuth: true },
  },
  {
    path: '/me/orders/:id(\\d+)/refund',
    name: 'refund-apply',
    component: () => import('./pages/shop/RefundApplyPage.vue'),
    props: idProp,
    meta: { title: '申请售后', requiresAuth: true },
  },
  // 售后 is a tab of 我的订单; this path is what 我的 and shared links use.
  { path: '/me/refunds', name: 'refunds', redirect: { name: 'orders', query: { tab: 'after_sales' } } },
  {
    path: '/me/refunds/:id(\\d+)',
    name: 'refund',
    component: () => import('./pages/shop/RefundDetailPage.vue'),
    props: idProp,
    meta: { title: '售后详情', requiresAuth: true },
  },
  {
    path: '/me/data',
    name: 'my-data',
    component: () => import('./pages/shop/MyDataPage.vue'),
    meta: { title: '我的个人信息', requiresAuth: true },
  },
  {
    path: '/me/delete',
    name: 'delete-account',
    component: () => import('./pages/shop/DeleteAccountPage.vue'),
    meta: { title: '注销账号', requiresAuth: true },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('./pages/shop/NotFoundPage.vue'),
    meta: { title: '页面不存在' },
  },
];

const RELOADED_KEY = 'qiaodu:chunk-reload';
const CONSOLE_LOADER = 'console-loader';

/** sessionStorage throws in some private modes; the reload guard is best effort there. */
function session(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/i.test(
      error.message,
    )
  );
}

/**
 * Stands in for the console until it is first opened: its routes, and the preload lists of its
 * pages, then load with it, so the shop's first screen carries none of them.
 */
function consoleLoader(router: Router): RouteRecordRaw {
  return {
    path: '/console/:rest(.*)*',
    name: CONSOLE_LOADER,
    // Never rendered: the guard below always redirects once the real routes are in.
    component: () => import('./pages/shop/NotFoundPage.vue'),
    meta: { title: '运营后台', requiresAuth: true },
    beforeEnter: async (to) => {
      const { consoleRoutes } = await import('./pages/console/consoleRoutes');
      if (router.hasRoute(CONSOLE_LOADER)) router.removeRoute(CONSOLE_LOADER);
      router.addRoute(consoleRoutes);
      return to.fullPath;
    },
  };
}

export function createShopRouter(): Router {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior(to, from, savedPosition) {
      if (savedPosition) return savedPosition;
      if (to.path === from.path && to.hash === from.hash && to.name !== 'search') return false;
      return { top: 0 };
    },
  });

  router.addRoute(consoleLoader(router));

  router.afterEach((to) => {
    setPageTitle(to.meta.title);
    if (to.query.live !== undefined) captureLiveCode(to.query.live);
    session()?.removeItem(RELOADED_KEY);
  });

  // After a deploy, an open page may ask for page chunks that no longer exist: load the new
  // version of the page once instead of leaving the customer on a dead tap.
  router.onError((error, to) => {
    const storage = session();
    if (!isChunkLoadError(error) || !storage || storage.getItem(RELOADED_KEY)) return;
    storage.setItem(RELOADED_KEY, '1');
    window.location.assign(to.fullPath);
  });

  return router;
}
