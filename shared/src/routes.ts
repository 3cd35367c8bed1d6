/**
 * Method and path of every endpoint, without schemas: the storefront calls through this
 * table and so never loads zod; `endpoints.ts` adds the schemas for the server and OpenAPI.
 */
import { ATTENDANCE_ROUTES } from './shifts/attendance-routes';
import { GRADING_ROUTES } from './shifts/grading-routes';
import { PLANNING_ROUTES } from './shifts/planning-routes';
import { REPORTS_ROUTES } from './shifts/reports-routes';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Route {
  method: HttpMethod;
  /** Koa-style path, e.g. /api/products/:id */
  path: string;
}

export const ROUTES = {
  health: { method: 'get', path: '/api/health' },
  listCategories: { method: 'get', path: '/api/categories' },
  getPartner: { method: 'get', path: '/api/partners/:id' },
  listProducts: { method: 'get', path: '/api/products' },
  getProduct: { method: 'get', path: '/api/products/:id' },

  authOptions: { method: 'get', path: '/api/auth/options' },
  demoPersonas: { method: 'get', path: '/api/auth/demo-personas' },
  demoLogin: { method: 'post', path: '/api/auth/demo-login' },
  wechatMiniProgramLogin: { method: 'post', path: '/api/auth/wechat/miniprogram' },
  wechatOfficialAccountLogin: { method: 'post', path: '/api/auth/wechat/official-account' },
  createLoginTicket: { method: 'post', path: '/api/auth/tickets' },
  exchangeLoginTicket: { method: 'post', path: '/api/auth/tickets/exchange' },
  logout: { method: 'post', path: '/api/auth/logout' },

  getMe: { method: 'get', path: '/api/me' },
  updateMe: { method: 'patch', path: '/api/me' },
  exportMyData: { method: 'get', path: '/api/me/export' },
  deleteMe: { method: 'delete', path: '/api/me' },
  listAddresses: { method: 'get', path: '/api/me/addresses' },
  createAddress: { method: 'post', path: '/api/me/addresses' },
  getAddress: { method: 'get', path: '/api/me/addresses/:id' },
  updateAddress: { method: 'put', path: '/api/me/addresses/:id' },
  deleteAddress: { method: 'delete', path: '/api/me/addresses/:id' },
  setDefaultAddress: { method: 'post', path: '/api/me/addresses/:id/default' },

  listConsoleTeams: { method: 'get', path: '/api/console/teams' },
  createTeam: { method: 'post', path: '/api/console/teams' },
  getConsoleTeam: { method: 'get', path: '/api/console/teams/:teamId' },
  updateTeam: { method: 'patch', path: '/api/console/teams/:teamId' },
  putTeamMember: { method: 'put', path: '/api/console/teams/:teamId/members/:userId' },
  removeTeamMember: { method: 'delete', path: '/api/console/teams/:teamId/members/:userId' },
  putTeamSupervisor: { method: 'put', path: '/api/console/teams/:teamId/supervisors/:userId' },
  removeTeamSupervisor: { method: 'delete', path: '/api/console/teams/:teamId/supervisors/:userId' },
  listPeople: { method: 'get', path: '/api/console/people' },
  updatePerson: { method: 'patch', path: '/api/console/people/:userId' },
  listConsolePartners: { method: 'get', path: '/api/console/partners' },
  createPartner: { method: 'post', path: '/api/console/partners' },
  updatePartner: { method: 'patch', path: '/api/console/partners/:partnerId' },

  listTeamProducts: { method: 'get', path: '/api/console/teams/:teamId/products' },
  createProduct: { method: 'post', path: '/api/console/teams/:teamId/products' },
  getTeamProduct: { method: 'get', path: '/api/console/teams/:teamId/products/:productId' },
  updateProduct: { method: 'put', path: '/api/console/teams/:teamId/products/:productId' },
  deleteProduct: { method: 'delete', path: '/api/console/teams/:teamId/products/:productId' },
  previewProduct: { method: 'get', path: '/api/console/teams/:teamId/products/:productId/preview' },
  submitProduct: { method: 'post', path: '/api/console/teams/:teamId/products/:productId/submit' },
  withdrawProduct: { method: 'post', path: '/api/console/teams/:teamId/products/:productId/withdraw' },
  approveProduct: { method: 'post', path: '/api/console/teams/:teamId/products/:productId/approve' },
  rejectProduct: { method: 'post', path: '/api/console/teams/:teamId/products/:productId/reject' },
  takeProductOffShelf: { method: 'post', path: '/api/console/teams/:teamId/products/:productId/off-shelf' },
  relistProduct: { method: 'post', path: '/api/console/teams/:teamId/products/:productId/relist' },
  uploadProductImage: { method: 'post', path: '/api/console/teams/:teamId/products/:productId/images' },
  deleteProductImage: { method: 'delete', path: '/api/console/teams/:teamId/products/:productId/images/:imageId' },
  reorderProductImages: { method: 'put', path: '/api/console/teams/:teamId/products/:productId/image-order' },
  listApprovals: { method: 'get', path: '/api/console/approvals' },
  getTeamOverview: { method: 'get', path: '/api/console/teams/:teamId/overview' },

  listTeamStock: { method: 'get', path: '/api/console/teams/:teamId/stock' },
  setLowStockThreshold: { method: 'put', path: '/api/console/teams/:teamId/stock/:skuId/threshold' },
  receiveStock: { method: 'post', path: '/api/console/teams/:teamId/stock/receipts' },
  adjustStock: { method: 'post', path: '/api/console/teams/:teamId/stock/adjustments' },
  listStockMovements: { method: 'get', path: '/api/console/teams/:teamId/stock/movements' },
  exportStockMovements: { method: 'get', path: '/api/console/teams/:teamId/stock/movements.csv' },
  listStockCounts: { method: 'get', path: '/api/console/teams/:teamId/stock-counts' },
  startStockCount: { method: 'post', path: '/api/console/teams/:teamId/stock-counts' },
  getStockCount: { method: 'get', path: '/api/console/teams/:teamId/stock-counts/:countId' },
  recordStockCount: { method: 'put', path: '/api/console/teams/:teamId/stock-counts/:countId/lines' },
  approveStockCount: { method: 'post', path: '/api/console/teams/:teamId/stock-counts/:countId/approve' },
  cancelStockCount: { method: 'post', path: '/api/console/teams/:teamId/stock-counts/:countId/cancel' },
  getCart: { method: 'get', path: '/api/cart' },
  addToCart: { method: 'post', path: '/api/cart/items' },
  updateCartItem: { method: 'patch', path: '/api/cart/items/:skuId' },
  selectCartItems: { method: 'post', path: '/api/cart/select' },
  removeCartItems: { method: 'post', path: '/api/cart/remove' },
  previewCheckout: { method: 'post', path: '/api/checkout/preview' },
  placeOrder: { method: 'post', path: '/api/orders' },
  listOrders: { method: 'get', path: '/api/orders' },
  countOrders: { method: 'get', path: '/api/orders/counts' },
  getOrder: { method: 'get', path: '/api/orders/:id' },
  cancelOrder: { method: 'post', path: '/api/orders/:id/cancel' },
  confirmReceipt: { method: 'post', path: '/api/orders/:id/confirm-receipt' },
  payOrder: { method: 'post', path: '/api/orders/:id/pay' },
  getPaymentState: { method: 'get', path: '/api/orders/:id/payment' },
  simulatePayment: { method: 'post', path: '/api/pay/simulator/orders/:id' },
  listPaymentFlags: { method: 'get', path: '/api/console/payment-flags' },
  resolvePaymentFlag: { method: 'post', path: '/api/console/payment-flags/:id/resolve' },
  listPaymentEvents: { method: 'get', path: '/api/console/payment-events' },
  requestRefund: { method: 'post', path: '/api/orders/:id/refunds' },
  uploadRefundPhoto: { method: 'post', path: '/api/orders/:id/refund-photos' },
  listRefunds: { method: 'get', path: '/api/refunds' },
  getRefund: { method: 'get', path: '/api/refunds/:id' },
  withdrawRefund: { method: 'post', path: '/api/refunds/:id/withdraw' },

  listTeamOrders: { method: 'get', path: '/api/console/teams/:teamId/orders' },
  getTeamOrder: { method: 'get', path: '/api/console/teams/:teamId/orders/:orderId' },
  getPickList: { method: 'get', path: '/api/console/teams/:teamId/pick-list' },
  shipTeamOrder: { method: 'post', path: '/api/console/teams/:teamId/orders/:orderId/ship' },
  markTeamOrderReady: { method: 'post', path: '/api/console/teams/:teamId/orders/:orderId/ready' },
  printShippingLabel: { method: 'post', path: '/api/console/teams/:teamId/orders/:orderId/label' },
  verifyPickup: { method: 'post', path: '/api/console/teams/:teamId/pickups/verify' },
  listTeamRefunds: { method: 'get', path: '/api/console/teams/:teamId/refunds' },
  getTeamRefund: { method: 'get', path: '/api/console/teams/:teamId/refunds/:refundId' },
  approveRefund: { method: 'post', path: '/api/console/teams/:teamId/refunds/:refundId/approve' },
  rejectRefund: { method: 'post', path: '/api/console/teams/:teamId/refunds/:refundId/reject' },
  retryRefund: { method: 'post', path: '/api/console/teams/:teamId/refunds/:refundId/retry' },
  disposeRefund: { method: 'post', path: '/api/console/teams/:teamId/refunds/:refundId/disposition' },

  ...PLANNING_ROUTES,
  ...ATTENDANCE_ROUTES,
  ...GRADING_ROUTES,
  ...REPORTS_ROUTES,
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof ROUTES;
