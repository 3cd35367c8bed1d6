import { schema } from '@qiaodu/db';
import { endpoints, type Endpoints } from '@qiaodu/shared';
import { and, asc, eq, gte } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../support/app-fixture';
import { authed, loginAs } from '../support/auth';
import { placeOrder } from '../support/order-proofs';
import { getJson } from '../support/test-app';

/**
 * Every endpoint × every kind of caller, written out by hand: the policy module must agree
 * with this table, not the other way round. Later issues add their endpoints here; an
 * endpoint missing from the table fails the first test.
 *
 * Callers: the demo personas, plus a student and a teacher of ANOTHER team than the one the
 * team-scoped requests are about (天天市集运营一组), and a mentor whose partner's goods that
 * team does not run.
 */
const CALLERS = {
  anonymous: null,
  customer: 'customer',
  student: 'student-tiantian',
  lead: 'lead-tiantian',
  otherStudent: 'student-feiyi',
  teacher: 'teacher',
  otherTeacher: 'teacher-2',
  mentor: 'mentor',
  admin: 'admin',
} as const;
type Caller = keyof typeof CALLERS;

/** allow: got past the policy (any answer without a refusal code); the rest are refusals. */
type Outcome = 'allow' | 401 | 403 | 404;
type Row = Record<Caller, Outcome>;

const everyone = (outcome: Outcome): Row => ({
  anonymous: outcome,
  customer: outcome,
  student: outcome,
  lead: outcome,
  otherStudent: outcome,
  teacher: outcome,
  otherTeacher: outcome,
  mentor: outcome,
  admin: outcome,
});
const PUBLIC = everyone('allow');
const LOGGED_IN: Row = { ...everyone('allow'), anonymous: 401 };
/** Someone else's address: only its owner (the customer persona) gets past. */
const OWNER_ONLY: Row = { ...everyone(404), anonymous: 401, customer: 'allow' };
const STAFF: Row = { ...everyone('allow'), anonymous: 401, customer: 403 };
const ADMIN_ONLY: Row = { ...everyone(403), anonymous: 401, admin: 'allow' };
const TEACHERS_AND_ADMIN: Row = { ...ADMIN_ONLY, teacher: 'allow', otherTeacher: 'allow' };
/** About 天天市集运营一组: its own people are refused (403), other staff are not told it exists (404). */
const TEAM_ADMIN_ONLY: Row = {
  anonymous: 401,
  customer: 403,
  student: 403,
  lead: 403,
  otherStudent: 404,
  teacher: 403,
  otherTeacher: 404,
  mentor: 404,
  admin: 'allow',
};
const TEAM_VIEW: Row = { ...TEAM_ADMIN_ONLY, student: 'allow', lead: 'allow', teacher: 'allow' };
const TEAM_SUPERVISOR: Row = { ...TEAM_ADMIN_ONLY, teacher: 'allow' };
/**
 * Products, stock, costs and the ledger: the team's students and teacher. (The mentor here runs
 * no goods of this team, so is not told it exists; a linked mentor's 403 is in inventory.test.ts.)
 */
const TEAM_OPERATIONS: Row = { ...TEAM_ADMIN_ONLY, student: 'allow', lead: 'allow', teacher: 'allow' };
/** The team's own students run its goods; its teacher only reviews them. */
const TEAM_MEMBERS: Row = { ...TEAM_ADMIN_ONLY, student: 'allow', lead: 'allow' };
/** Opening and closing a stock count: the lead, or the supervising teacher standing in. */
const TEAM_LEAD: Row = { ...TEAM_ADMIN_ONLY, lead: 'allow', teacher: 'allow' };
/** Refund decisions: the team's students, and its supervising teacher (who takes the large ones). */
const TEAM_REFUND_DECIDERS: Row = { ...TEAM_ADMIN_ONLY, student: 'allow', lead: 'allow', teacher: 'allow' };

const MATRIX: Record<keyof Endpoints, Row> = {
  health: PUBLIC,
  listCategories: PUBLIC,
  getPartner: PUBLIC,
  listProducts: PUBLIC,
  getProduct: PUBLIC,
  authOptions: PUBLIC,
  demoPersonas: PUBLIC,
  demoLogin: PUBLIC,
  wechatMiniProgramLogin: PUBLIC,
  wechatOfficialAccountLogin: PUBLIC,
  exchangeLoginTicket: PUBLIC,
  createLoginTicket: LOGGED_IN,
  logout: LOGGED_IN,
  getMe: LOGGED_IN,
  updateMe: LOGGED_IN,
  exportMyData: LOGGED_IN,
  deleteMe: LOGGED_IN,
  listAddresses: LOGGED_IN,
  createAddress: LOGGED_IN,
  getAddress: OWNER_ONLY,
  updateAddress: OWNER_ONLY,
  setDefaultAddress: OWNER_ONLY,
  deleteAddress: OWNER_ONLY,
  listConsoleTeams: STAFF,
  createTeam: ADMIN_ONLY,
  getConsoleTeam: TEAM_VIEW,
  updateTeam: TEAM_ADMIN_ONLY,
  putTeamMember: TEAM_SUPERVISOR,
  removeTeamMember: TEAM_SUPERVISOR,
  putTeamSupervisor: TEAM_ADMIN_ONLY,
  listPeople: TEACHERS_AND_ADMIN,
  updatePerson: ADMIN_ONLY,
  listConsolePartners: ADMIN_ONLY,
  createPartner: ADMIN_ONLY,
  updatePartner: ADMIN_ONLY,
  listTeamProducts: TEAM_OPERATIONS,
  createProduct: TEAM_MEMBERS,
  getTeamProduct: TEAM_OPERATIONS,
  updateProduct: TEAM_MEMBERS,
  deleteProduct: TEAM_MEMBERS,
  previewProduct: TEAM_OPERATIONS,
  submitProduct: TEAM_MEMBERS,
  withdrawProduct: TEAM_MEMBERS,
  approveProduct: TEAM_SUPERVISOR,
  rejectProduct: TEAM_SUPERVISOR,
  takeProductOffShelf: TEAM_MEMBERS,
  relistProduct: TEAM_MEMBERS,
  uploadProductImage: TEAM_MEMBERS,
  deleteProductImage: TEAM_MEMBERS,
  reorderProductImages: TEAM_MEMBERS,
  listApprovals: TEACHERS_AND_ADMIN,
  getTeamOverview: TEAM_OPERATIONS,
  listTeamStock: TEAM_OPERATIONS,
  setLowStockThreshold: TEAM_MEMBERS,
  receiveStock: TEAM_MEMBERS,
  adjustStock: TEAM_MEMBERS,
  listStockMovements: TEAM_OPERATIONS,
  exportStockMovements: TEAM_OPERATIONS,
  listStockCounts: TEAM_OPERATIONS,
  startStockCount: TEAM_LEAD,
  getStockCount: TEAM_OPERATIONS,
  recordStockCount: TEAM_MEMBERS,
  approveStockCount: TEAM_LEAD,
  cancelStockCount: TEAM_LEAD,
  // Every logged-in person is a customer with a cart and orders of their own.
  getCart: LOGGED_IN,
  addToCart: LOGGED_IN,
  updateCartItem: LOGGED_IN,
  selectCartItems: LOGGED_IN,
  removeCartItems: LOGGED_IN,
  previewCheckout: LOGGED_IN,
  placeOrder: LOGGED_IN,
  listOrders: LOGGED_IN,
  countOrders: LOGGED_IN,
  // The customer persona's own unpaid order: anyone else is not told it exists. In this order:
  // receipt and refund are refused by state, the owner starts a payment, reads its state, pays
  // it on the 模拟支付 sheet, and cancelling it is then refused.
  getOrder: OWNER_ONLY,
  confirmReceipt: OWNER_ONLY,
  requestRefund: OWNER_ONLY,
  uploadRefundPhoto: OWNER_ONLY,
  payOrder: OWNER_ONLY,
  getPaymentState: OWNER_ONLY,
  simulatePayment: OWNER_ONLY,
  cancelOrder: OWNER_ONLY,
  listRefunds: LOGGED_IN,
  getRefund: LOGGED_IN,
  withdrawRefund: LOGGED_IN,
  // A paid express order of another customer with an item of 天天市集运营一组.
  listTeamOrders: TEAM_OPERATIONS,
  getTeamOrder: TEAM_OPERATIONS,
  getPickList: TEAM_OPERATIONS,
  shipTeamOrder: TEAM_MEMBERS,
  markTeamOrderReady: TEAM_MEMBERS,
  printShippingLabel: TEAM_MEMBERS,
  verifyPickup: TEAM_MEMBERS,
  listTeamRefunds: TEAM_OPERATIONS,
  getTeamRefund: TEAM_OPERATIONS,
  approveRefund: TEAM_REFUND_DECIDERS,
  rejectRefund: TEAM_REFUND_DECIDERS,
  retryRefund: TEAM_REFUND_DECIDERS,
  disposeRefund: TEAM_MEMBERS,
  // Payments the shop could not apply, and the payment event log: money is the school's business.
  listPaymentFlags: TEACHERS_AND_ADMIN,
  resolvePaymentFlag: TEACHERS_AND_ADMIN,
  listPaymentEvents: TEACHERS_AND_ADMIN,
  // Shift planning: the team's people see the plan; the lead and the supervising teacher make it;
  // the team's students sign up and swap; their own shifts and availability are personal.
  listShiftTemplates: TEAM_VIEW,
  createShiftTemplate: TEAM_LEAD,
  updateShiftTemplate: TEAM_LEAD,
  retireShiftTemplate: TEAM_LEAD,
  getScheduleWeek: TEAM_VIEW,
  generateScheduleWeek: TEAM_LEAD,
  publishScheduleWeek: TEAM_LEAD,
  createOneOffShift: TEAM_LEAD,
  updatePlannedShift: TEAM_LEAD,
  cancelPlannedShift: TEAM_LEAD,
  listShiftCandidates: TEAM_LEAD,
  signUpForShift: TEAM_MEMBERS,
  withdrawShiftSignup: TEAM_MEMBERS,
  assignShiftPlace: TEAM_LEAD,
  removeShiftPlace: TEAM_LEAD,
  requestShiftSwap: TEAM_MEMBERS,
  listTeamSwapRequests: TEAM_LEAD,
  acceptShiftSwap: TEAM_MEMBERS,
  declineShiftSwap: TEAM_MEMBERS,
  withdrawShiftSwap: TEAM_MEMBERS,
  approveShiftSwap: TEAM_LEAD,
  rejectShiftSwap: TEAM_LEAD,
  getMyShifts: LOGGED_IN,
  listMySwapRequests: LOGGED_IN,
  listMyAvailability: LOGGED_IN,
  createMyAvailability: LOGGED_IN,
  deleteMyAvailability: LOGGED_IN,
  // Working a shift: one's own place (the service refuses anyone else's); attendance is read by the
  // team's people and corrected by the lead or teacher; live sessions belong to the team's shifts.
  getMyShift: LOGGED_IN,
  clockInShiftPlace: LOGGED_IN,
  clockOutShiftPlace: LOGGED_IN,
  listTeamAttendance: TEAM_VIEW,
  getAttendanceHistory: TEAM_VIEW,
  correctAttendance: TEAM_LEAD,
  reviewAutoClosedAttendance: TEAM_LEAD,
  listTeamLiveSessions: TEAM_VIEW,
  createLiveSession: TEAM_VIEW,
  startLiveSession: LOGGED_IN,
  endLiveSession: LOGGED_IN,
  getLiveBoard: LOGGED_IN,
  // Grading: rubrics are the teachers'; a place's team decides who grades it (the service asks
  // the policy); the queue is for graders, never students.
  listRubrics: TEACHERS_AND_ADMIN,
  createRubric: TEACHERS_AND_ADMIN,
  getRubric: TEACHERS_AND_ADMIN,
  updateRubric: TEACHERS_AND_ADMIN,
  setDefaultRubric: TEACHERS_AND_ADMIN,
  archiveRubric: TEACHERS_AND_ADMIN,
  getGradingQueue: { ...STAFF, student: 403, lead: 403, otherStudent: 403 },
  getShiftGrading: STAFF,
  saveShiftEvaluation: STAFF,
  publishShiftEvaluation: STAFF,
  closeTerm: ADMIN_ONLY,
  listMyShiftGrades: LOGGED_IN,
  // Settings, terms, hours and reports: the school's rules are the admin's; reports are the
  // teachers' for their own teams.
  getShiftSettings: STAFF,
  updateShiftSettings: ADMIN_ONLY,
  listTerms: STAFF,
  createTerm: ADMIN_ONLY,
  updateTerm: ADMIN_ONLY,
  getMyShiftHours: LOGGED_IN,
  listTimesheets: TEACHERS_AND_ADMIN,
  approveTimesheet: TEACHERS_AND_ADMIN,
  exportTimesheetsXlsx: TEACHERS_AND_ADMIN,
  exportTimesheetsCsv: TEACHERS_AND_ADMIN,
  getTermSummary: { ...TEACHERS_AND_ADMIN, otherTeacher: 404 },
  exportTermSummaryXlsx: { ...TEACHERS_AND_ADMIN, otherTeacher: 404 },
  exportTermSummaryCsv: { ...TEACHERS_AND_ADMIN, otherTeacher: 404 },
  // Last: the admin's call really removes the teacher, who then no longer supervises the team.
  removeTeamSupervisor: TEAM_ADMIN_ONLY,
};

/** The codes a refusal may carry; anything else means the request got past the policy. */
const REFUSAL_CODES: Record<Exclude<Outcome, 'allow'>, string[]> = {
  401: ['UNAUTHENTICATED'],
  403: ['FORBIDDEN'],
  404: ['TEAM_NOT_FOUND', 'ADDRESS_NOT_FOUND', 'ORDER_NOT_FOUND'],
};

interface Sample {
  params?: Record<string, number | string>;
  query?: string;
  /**
   * Bodies are chosen so that callers who get past the policy change as little as possible:
   * deletion gets a wrong confirmation word (a 400 after the policy said yes).
   */
  body?: unknown;
}

const fixture = useSeededApp();
const ids = { term: 0, team: 0, address: 0, student: 0, teacher: 0, partner: 0, product: 0, teamProduct: 0, teamSku: 0, order: 0, teamOrder: 0 };
const tokens = new Map<Caller, string | null>();

beforeAll(async () => {
  const { db } = fixture.testDb.database;
  const idOf = async (persona: string) =>
    (await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.persona, persona)))[0]!.id;
  ids.team = (await db.select().from(schema.teams).where(eq(schema.teams.slug, 'tiantian-yunying-1')))[0]!.id;
  ids.term = (await db.select().from(schema.terms).limit(1))[0]!.id;
  ids.partner = (await db.select().from(schema.partners).limit(1))[0]!.id;
  ids.product = (await db.select().from(schema.products).where(eq(schema.products.status, 'on_sale')).limit(1))[0]!.id;
  // An on-sale product of the team: workflow calls on it are refused by state (409), not changed;
  // taking it off the shelf and relisting it (in that order) leave it on sale.
  const [teamProduct] = await db
    .select({ id: schema.products.id })
    .from(schema.products)
    .where(and(eq(schema.products.teamId, ids.team), eq(schema.products.status, 'on_sale')))
    .limit(1);
  ids.teamProduct = teamProduct!.id;
  ids.teamSku = (await db.select().from(schema.skus).where(eq(schema.skus.productId, ids.teamProduct)).limit(1))[0]!.id;
  ids.address = (await db.select().from(schema.addresses).where(eq(schema.addresses.userId, await idOf('customer'))))[0]!.id;
  ids.student = await idOf('student-yuecai');
  // Already this team's supervisor: putting them again changes nothing, removing them comes last.
  ids.teacher = await idOf('teacher');
  for (const [caller, persona] of Object.entries(CALLERS) as [Caller, string | null][]) {
    tokens.set(caller, persona ? await loginAs(fixture.app.baseUrl, persona) : null);
  }
  // Orders of the team's goods: the customer persona's unpaid one, and another customer's paid one.
  const [stocked] = await db
    .select({ id: schema.skus.id })
    .from(schema.skus)
    .innerJoin(schema.products, eq(schema.products.id, schema.skus.productId))
    .where(and(eq(schema.products.teamId, ids.team), eq(schema.products.status, 'on_sale'), gte(schema.skus.stockAvailable, 2)))
    .orderBy(asc(schema.skus.id))
    .limit(1);
  const line = [{ skuId: stocked!.id, quantity: 1 }];
  const own = await placeOrder(fixture.app.baseUrl, tokens.get('customer')!, { items: line, delivery: { method: 'pickup' } });
  if (own.status !== 201) throw new Error(`placing the customer's order: ${own.status} ${JSON.stringify(own.body)}`);
  ids.order = own.body.id;
  const buyer = await loginAs(fixture.app.baseUrl, 'customer-2');
  const buyerAddress = (await db.select().from(schema.addresses).where(eq(schema.addresses.userId, await idOf('customer-2'))))[0]!.id;
  const other = await placeOrder(fixture.app.baseUrl, buyer, { items: line, delivery: { method: 'express', addressId: buyerAddress } });
  if (other.status !== 201) throw new Error(`placing customer-2's order: ${other.status} ${JSON.stringify(other.body)}`);
  ids.teamOrder = other.body.id;
  const prepaid = await getJson(`${fixture.app.baseUrl}/api/orders/${ids.teamOrder}/pay`, { method: 'POST', ...authed(buyer, { channel: 'jsapi' }) });
  if (prepaid.status !== 200) throw new Error(`paying customer-2's order: ${prepaid.status} ${JSON.stringify(prepaid.body)}`);
  const paid = await getJson(`${fixture.app.baseUrl}/api/pay/simulator/orders/${ids.teamOrder}`, { method: 'POST', ...authed(buyer, { outcome: 'pay' }) });
  if (paid.status !== 200) throw new Error(`paying customer-2's order: ${paid.status} ${JSON.stringify(paid.body)}`);
});

function sampleFor(name: keyof Endpoints): Sample {
  const team = { teamId: ids.team };
  const member = { teamId: ids.team, userId: ids.student };
  const product = { teamId: ids.team, productId: ids.teamProduct };
  const count = { teamId: ids.team, countId: 2_000_000_000 };
  const order = { id: ids.order };
  const teamOrder = { teamId: ids.team, orderId: ids.teamOrder };
  // No refund exists: past the policy these are REFUND_NOT_FOUND (or a 400 for the body).
  const refund = { teamId: ids.team, refundId: 2_000_000_000 };
  const address = { name: '陈晓琳', phone: '13912345678', areaCode: '440705', detail: '会城街道中心路 1 号' };
  const samples: Partial<Record<keyof Endpoints, Sample>> = {
    getPartner: { params: { id: ids.partner } },
    getProduct: { params: { id: ids.product } },
    demoLogin: { body: { persona: 'customer' } },
    wechatMiniProgramLogin: { body: { code: 'abc' } },
    wechatOfficialAccountLogin: { body: { code: 'abc' } },
    exchangeLoginTicket: { body: { ticket: 'qdt_0000000000000000000000000000000000000000000' } },
    updateMe: { body: { displayName: '测试用户' } },
    deleteMe: { body: { confirm: '不注销' } },
    createAddress: { body: address },
    getAddress: { params: { id: ids.address } },
    updateAddress: { params: { id: ids.address }, body: address },
    deleteAddress: { params: { id: ids.address } },
    setDefaultAddress: { params: { id: ids.address } },
    createTeam: { body: { slug: 'matrix-team', name: '权限测试组' } },
    getConsoleTeam: { params: team },
    updateTeam: { params: team, body: {} },
    putTeamMember: { params: member, body: { post: 'warehouse', isLead: false } },
    removeTeamMember: { params: member },
    putTeamSupervisor: { params: { teamId: ids.team, userId: ids.teacher } },
    removeTeamSupervisor: { params: { teamId: ids.team, userId: ids.teacher } },
    listPeople: { query: '?role=student' },
    updatePerson: { params: { userId: ids.student }, body: {} },
    createPartner: {
      body: { slug: 'matrix-partner', kind: 'enterprise', name: '权限测试企业', region: '蓬江区' },
    },
    updatePartner: { params: { partnerId: ids.partner }, body: {} },
    // Product and stock bodies are invalid on purpose: past the policy they stop at a 400.
    listTeamProducts: { params: team },
    createProduct: { params: team, body: {} },
    getTeamProduct: { params: product },
    updateProduct: { params: product, body: {} },
    deleteProduct: { params: product },
    previewProduct: { params: product },
    submitProduct: { params: product },
    withdrawProduct: { params: product },
    approveProduct: { params: product, body: {} },
    rejectProduct: { params: product, body: {} },
    takeProductOffShelf: { params: product },
    relistProduct: { params: product },
    uploadProductImage: { params: product },
    deleteProductImage: { params: { ...product, imageId: 2_000_000_000 } },
    reorderProductImages: { params: product, body: {} },
    getTeamOverview: { params: team },
    listTeamStock: { params: team },
    setLowStockThreshold: { params: { teamId: ids.team, skuId: ids.teamSku }, body: {} },
    receiveStock: { params: team, body: {} },
    adjustStock: { params: team, body: {} },
    listStockMovements: { params: team },
    exportStockMovements: { params: team, query: `?skuId=${ids.teamSku}` },
    listStockCounts: { params: team },
    startStockCount: { params: team, body: { skuIds: [0] } },
    getStockCount: { params: count },
    recordStockCount: { params: count, body: {} },
    approveStockCount: { params: count },
    cancelStockCount: { params: count },
    // Cart and checkout bodies are invalid on purpose: past the policy they stop at a 400.
    addToCart: { body: {} },
    updateCartItem: { params: { skuId: ids.teamSku }, body: {} },
    selectCartItems: { body: {} },
    removeCartItems: { body: {} },
    previewCheckout: { body: {} },
    placeOrder: { body: {} },
    getOrder: { params: order },
    confirmReceipt: { params: order },
    requestRefund: { params: order, body: { reason: '权限测试' } },
    uploadRefundPhoto: { params: order },
    payOrder: { params: order, body: { channel: 'jsapi' } },
    getPaymentState: { params: order },
    simulatePayment: { params: order, body: { outcome: 'pay' } },
    cancelOrder: { params: order, body: {} },
    getRefund: { params: { id: 2_000_000_000 } },
    withdrawRefund: { params: { id: 2_000_000_000 } },
    listTeamOrders: { params: team },
    getTeamOrder: { params: teamOrder },
    getPickList: { params: team },
    shipTeamOrder: { params: teamOrder, body: {} },
    markTeamOrderReady: { params: teamOrder },
    printShippingLabel: { params: teamOrder },
    verifyPickup: { params: team, body: {} },
    listTeamRefunds: { params: team },
    getTeamRefund: { params: refund },
    approveRefund: { params: refund, body: {} },
    rejectRefund: { params: refund, body: {} },
    retryRefund: { params: refund },
    disposeRefund: { params: refund, body: {} },
    listPaymentFlags: { query: '?status=all' },
    // No such flag: past the policy this is PAYMENT_FLAG_NOT_FOUND.
    resolvePaymentFlag: { params: { id: 2_000_000_000 }, body: { note: '权限测试' } },
    listPaymentEvents: { query: '?outcome=applied' },
    // Shifts: no such template, shift, place, request or declaration past the policy (a 404 of
    // its own), a week far from the demo's, and invalid bodies that stop at a 400.
    ...shiftSamples(team),
    getTermSummary: { query: `?termId=${ids.term}&teamId=${ids.team}` },
    exportTermSummaryXlsx: { query: `?termId=${ids.term}&teamId=${ids.team}` },
    exportTermSummaryCsv: { query: `?termId=${ids.term}&teamId=${ids.team}` },
  };
  return samples[name] ?? {};
}

function shiftSamples(team: { teamId: number }): Partial<Record<keyof Endpoints, Sample>> {
  const none = 2_000_000_000;
  const template = { ...team, templateId: none };
  const week = { ...team, weekStart: '2037-11-30' };
  const shift = { ...team, shiftId: none };
  const swap = { ...team, requestId: none };
  const place = { ...team, assignmentId: none };
  const rubric = { rubricId: none };
  const gradingPlace = { assignmentId: none };
  return {
    listShiftTemplates: { params: team },
    createShiftTemplate: { params: team, body: {} },
    updateShiftTemplate: { params: template, body: {} },
    retireShiftTemplate: { params: template },
    getScheduleWeek: { params: week },
    generateScheduleWeek: { params: week, body: {} },
    publishScheduleWeek: { params: week },
    createOneOffShift: { params: team, body: {} },
    updatePlannedShift: { params: shift, body: {} },
    cancelPlannedShift: { params: shift },
    listShiftCandidates: { params: shift },
    signUpForShift: { params: shift },
    withdrawShiftSignup: { params: shift },
    assignShiftPlace: { params: shift, body: {} },
    removeShiftPlace: { params: { ...shift, assignmentId: none } },
    requestShiftSwap: { params: team, body: {} },
    listTeamSwapRequests: { params: team },
    acceptShiftSwap: { params: swap },
    declineShiftSwap: { params: swap },
    withdrawShiftSwap: { params: swap },
    approveShiftSwap: { params: swap, body: {} },
    rejectShiftSwap: { params: swap },
    createMyAvailability: { body: {} },
    deleteMyAvailability: { params: { declarationId: none } },
    clockInShiftPlace: { params: gradingPlace },
    clockOutShiftPlace: { params: gradingPlace },
    listTeamAttendance: { params: team, query: '?from=2037-11-30&to=2037-12-06' },
    getAttendanceHistory: { params: place },
    correctAttendance: { params: place, body: {} },
    reviewAutoClosedAttendance: { params: place, body: {} },
    listTeamLiveSessions: { params: team },
    createLiveSession: { params: team, body: {} },
    startLiveSession: { params: { sessionId: none } },
    endLiveSession: { params: { sessionId: none } },
    getLiveBoard: { params: { sessionId: none } },
    createRubric: { body: {} },
    getRubric: { params: rubric },
    updateRubric: { params: rubric, body: {} },
    setDefaultRubric: { params: rubric },
    archiveRubric: { params: rubric },
    getShiftGrading: { params: gradingPlace },
    saveShiftEvaluation: { params: gradingPlace, body: {} },
    publishShiftEvaluation: { params: gradingPlace },
    closeTerm: { params: { termId: none } },
    updateShiftSettings: { body: {} },
    createTerm: { body: {} },
    updateTerm: { params: { termId: none }, body: {} },
    getMyShiftHours: { query: '?month=2037-11' },
    listTimesheets: { query: '?month=2037-11' },
    approveTimesheet: { params: { month: '2037-11', studentId: none } },
    exportTimesheetsXlsx: { query: '?month=2037-11' },
    exportTimesheetsCsv: { query: '?month=2037-11' },
  };
}

function pathOf(path: string, params: Record<string, number | string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, key: string) => String(params[key]));
}

async function call(name: keyof Endpoints, caller: Caller) {
  const endpoint = endpoints[name];
  const sample = sampleFor(name);
  // Logging out ends the session: that row uses a session of its own.
  const persona = CALLERS[caller];
  const token = name === 'logout' && persona ? await loginAs(fixture.app.baseUrl, persona) : tokens.get(caller);
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (sample.body !== undefined) headers['content-type'] = 'application/json';
  return getJson<{ error?: { code: string } }>(`${fixture.app.baseUrl}${pathOf(endpoint.path, sample.params)}${sample.query ?? ''}`, {
    method: endpoint.method.toUpperCase(),
    headers,
    body: sample.body === undefined ? undefined : JSON.stringify(sample.body),
  });
}

describe('permission matrix', () => {
  it('should have a row for every endpoint', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(endpoints).sort());
  });

  // Rows run in table order and callers in CALLERS order, so mutations land predictably.
  for (const name of Object.keys(MATRIX) as (keyof Endpoints)[]) {
    it(`${endpoints[name].method.toUpperCase()} ${endpoints[name].path}`, async () => {
      for (const caller of Object.keys(CALLERS) as Caller[]) {
        const expected = MATRIX[name][caller];
        const res = await call(name, caller);
        const code = res.body?.error?.code ?? '';
        const label = `${name} as ${caller}: ${res.status} ${code}`;
        if (expected === 'allow') {
          expect(res.status >= 500, label).toBe(false);
          // An endpoint that is not mounted would refuse nobody: it must answer as itself.
          expect([...Object.values(REFUSAL_CODES).flat(), 'ROUTE_NOT_FOUND', 'METHOD_NOT_ALLOWED'], label).not.toContain(code);
        } else {
          expect(res.status, label).toBe(expected);
          expect(REFUSAL_CODES[expected], label).toContain(code);
        }
      }
    });
  }
});
