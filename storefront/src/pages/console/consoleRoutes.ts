import type { ConsoleSection } from '@qiaodu/shared';
import type { RouteRecordRaw } from 'vue-router';
import { attendanceRoutes } from './shiftRoutes/attendance';
import { gradingRoutes } from './shiftRoutes/grading';
import { planningRoutes } from './shiftRoutes/planning';
import { reportsRoutes } from './shiftRoutes/reports';

function teamIdProp(route: { params: Record<string, unknown> }) {
  return { teamId: Number(route.params.teamId) };
}

function productProps(route: { params: Record<string, unknown> }) {
  const productId = route.params.productId;
  return { teamId: Number(route.params.teamId), productId: productId === undefined ? null : Number(productId) };
}

function countProps(route: { params: Record<string, unknown> }) {
  return { teamId: Number(route.params.teamId), countId: Number(route.params.countId) };
}

function orderProps(route: { params: Record<string, unknown> }) {
  return { teamId: Number(route.params.teamId), orderId: Number(route.params.orderId) };
}

function refundProps(route: { params: Record<string, unknown> }) {
  return { teamId: Number(route.params.teamId), refundId: Number(route.params.refundId) };
}

// A team's goods are its members' work (商品管理, 库存) and what its teachers, mentors and the
// admins look into from the team page; the server decides what each may change.
const PRODUCT_PAGES: readonly ConsoleSection[] = ['products', 'team', 'teams'];
const STOCK_PAGES: readonly ConsoleSection[] = ['stock', 'team', 'teams'];
// Orders and 售后 are the members' shift work; supervising teachers open them from the team page
// (they decide the large refunds).
const ORDER_PAGES: readonly ConsoleSection[] = ['orders', 'team', 'teams'];
const productMeta = (title: string) => ({ title, consoleSections: PRODUCT_PAGES, navSections: PRODUCT_PAGES });
const stockMeta = (title: string) => ({ title, consoleSections: STOCK_PAGES, navSections: STOCK_PAGES });
const orderMeta = (title: string) => ({ title, consoleSections: ORDER_PAGES, navSections: ORDER_PAGES });

/** The console's routes, added to the router the first time /console is opened. */
export const consoleRoutes: RouteRecordRaw = {
  path: '/console',
  component: () => import('./ConsoleLayout.vue'),
  meta: { title: '运营后台', requiresAuth: true },
  children: [
    { path: '', name: 'console', component: () => import('./ConsoleHomePage.vue') },
    {
      path: 'teams',
      name: 'console-teams',
      component: () => import('./ConsoleTeamsPage.vue'),
      meta: { title: '团队', consoleSections: ['team', 'teams'] },
    },
    {
      path: 'teams/:teamId(\\d+)',
      name: 'console-team',
      component: () => import('./ConsoleTeamPage.vue'),
      props: teamIdProp,
      meta: { title: '团队详情', consoleSections: ['team', 'teams'] },
    },
    {
      path: 'products',
      name: 'console-products-entry',
      component: () => import('./ConsoleTeamChooserPage.vue'),
      props: { target: 'products' },
      meta: { title: '商品管理', consoleSections: ['products'], navSections: ['products'] },
    },
    {
      path: 'teams/:teamId(\\d+)/products',
      name: 'console-products',
      component: () => import('./ConsoleProductsPage.vue'),
      props: teamIdProp,
      meta: productMeta('商品管理'),
    },
    {
      path: 'teams/:teamId(\\d+)/products/new',
      name: 'console-product-new',
      component: () => import('./ConsoleProductEditPage.vue'),
      props: productProps,
      meta: productMeta('新建商品'),
    },
    {
      path: 'teams/:teamId(\\d+)/products/:productId(\\d+)',
      name: 'console-product',
      component: () => import('./ConsoleProductEditPage.vue'),
      props: productProps,
      meta: productMeta('商品'),
    },
    {
      path: 'teams/:teamId(\\d+)/products/:productId(\\d+)/preview',
      name: 'console-product-preview',
      component: () => import('./ConsoleProductPreviewPage.vue'),
      props: productProps,
      meta: productMeta('顾客视角预览'),
    },
    {
      path: 'stock',
      name: 'console-stock-entry',
      component: () => import('./ConsoleTeamChooserPage.vue'),
      props: { target: 'stock' },
      meta: { title: '库存', consoleSections: ['stock'], navSections: ['stock'] },
    },
    {
      path: 'teams/:teamId(\\d+)/stock',
      name: 'console-stock',
      component: () => import('./ConsoleStockPage.vue'),
      props: teamIdProp,
      meta: stockMeta('库存'),
    },
    {
      path: 'teams/:teamId(\\d+)/stock/receive',
      name: 'console-stock-receive',
      component: () => import('./ConsoleStockReceivePage.vue'),
      props: teamIdProp,
      meta: stockMeta('入库'),
    },
    {
      path: 'teams/:teamId(\\d+)/stock/movements',
      name: 'console-stock-movements',
      component: () => import('./ConsoleStockMovementsPage.vue'),
      props: teamIdProp,
      meta: stockMeta('库存流水'),
    },
    {
      path: 'teams/:teamId(\\d+)/stock/low',
      name: 'console-stock-low',
      component: () => import('./ConsoleLowStockPage.vue'),
      props: teamIdProp,
      meta: stockMeta('低库存'),
    },
    {
      path: 'teams/:teamId(\\d+)/stock/counts',
      name: 'console-stock-counts',
      component: () => import('./ConsoleStockCountsPage.vue'),
      props: teamIdProp,
      meta: stockMeta('盘点'),
    },
    {
      path: 'teams/:teamId(\\d+)/stock/counts/:countId(\\d+)',
      name: 'console-stock-count',
      component: () => import('./ConsoleStockCountPage.vue'),
      props: countProps,
      meta: stockMeta('盘点单'),
    },
    {
      path: 'orders',
      name: 'console-orders-entry',
      component: () => import('./ConsoleTeamChooserPage.vue'),
      props: { target: 'orders' },
      meta: { title: '订单发货', consoleSections: ['orders'], navSections: ['orders'] },
    },
    {
      path: 'teams/:teamId(\\d+)/orders',
      name: 'console-orders',
      component: () => import('./ConsoleOrdersPage.vue'),
      props: teamIdProp,
      meta: orderMeta('订单发货'),
    },
    {
      path: 'teams/:teamId(\\d+)/orders/:orderId(\\d+)',
      name: 'console-order',
      component: () => import('./ConsoleOrderPage.vue'),
      props: orderProps,
      meta: orderMeta('订单详情'),
    },
    {
      path: 'teams/:teamId(\\d+)/pick-list',
      name: 'console-pick-list',
      component: () => import('./ConsolePickListPage.vue'),
      props: teamIdProp,
      meta: orderMeta('拣货单'),
    },
    {
      path: 'teams/:teamId(\\d+)/pickup',
      name: 'console-pickup',
      component: () => import('./ConsolePickupPage.vue'),
      props: teamIdProp,
      meta: orderMeta('自提核销'),
    },
    {
      path: 'teams/:teamId(\\d+)/refunds',
      name: 'console-refunds',
      component: () => import('./ConsoleRefundsPage.vue'),
      props: teamIdProp,
      meta: orderMeta('售后'),
    },
    {
      path: 'teams/:teamId(\\d+)/refunds/:refundId(\\d+)',
      name: 'console-refund',
      component: () => import('./ConsoleRefundPage.vue'),
      props: refundProps,
      meta: orderMeta('售后详情'),
    },
    {
      path: 'approvals',
      name: 'console-approvals',
      component: () => import('./ConsoleApprovalsPage.vue'),
      meta: { title: '商品审核', consoleSections: ['approvals'], navSections: ['approvals'] },
    },
    {
      path: 'approvals/:teamId(\\d+)/:productId(\\d+)',
      name: 'console-approval',
      component: () => import('./ConsoleApprovalPage.vue'),
      props: productProps,
      meta: { title: '审核商品', consoleSections: ['approvals'], navSections: ['approvals'] },
    },
    {
      path: 'payments',
      name: 'console-payments',
      component: () => import('./ConsolePaymentFlagsPage.vue'),
      meta: { title: '支付异常', consoleSections: ['payments'], navSections: ['payments'] },
    },
    {
      path: 'payments/events',
      name: 'console-payment-events',
      component: () => import('./ConsolePaymentEventsPage.vue'),
      meta: { title: '支付日志', consoleSections: ['payments'], navSections: ['payments'] },
    },
    {
      path: 'people',
      name: 'console-people',
      component: () => import('./ConsolePeoplePage.vue'),
      meta: { title: '人员管理', consoleSections: ['people'] },
    },
    {
      path: 'partners',
      name: 'console-partners',
      component: () => import('./ConsolePartnersPage.vue'),
      meta: { title: '合作伙伴', consoleSections: ['partners'] },
    },
    ...planningRoutes,
    ...attendanceRoutes,
    ...gradingRoutes,
    ...reportsRoutes,
    // A console address that no page answers: the layout with a not-found state, not the shop's.
    { path: ':rest(.*)*', name: 'console-not-found', component: () => import('./ConsoleNotFoundPage.vue') },
  ],
};
