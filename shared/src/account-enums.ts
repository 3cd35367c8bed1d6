/** Const unions of accounts, teams and the console; in their own module so the shop's first screen does not carry their labels. */

/**
 * What a user may be besides a shopper. Everyone who logs in can shop (`customer`); a team lead
 * is a student whose membership carries the lead flag, not a role of its own.
 */
export const ROLES = ['customer', 'student', 'teacher', 'mentor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  customer: '顾客',
  student: '学生运营',
  teacher: '校内导师',
  mentor: '企业导师',
  admin: '管理员',
};

/** Posts (岗位) a student works on in a team, as the school's report names them. */
export const POSTS = [
  'live_host',
  'live_ops',
  'customer_service',
  'warehouse',
  'store_ops',
  'photo_design',
  'copywriting',
  'sourcing',
  'video',
] as const;
export type Post = (typeof POSTS)[number];
export const POST_LABELS: Record<Post, string> = {
  live_host: '直播主播',
  live_ops: '直播运营',
  customer_service: '客服',
  warehouse: '仓管发货',
  store_ops: '商城运营',
  photo_design: '产品拍摄 / 美工设计',
  copywriting: '文案 / 编导',
  sourcing: '选品跟单',
  video: '视频制作',
};

export const USER_STATUSES = ['active', 'disabled', 'deleted'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  active: '正常',
  disabled: '已停用',
  deleted: '已注销',
};

/** How a session was opened; kept on the session for the user's own data export. */
export const LOGIN_CHANNELS = ['miniprogram', 'official_account', 'web_view_ticket', 'demo'] as const;
export type LoginChannel = (typeof LOGIN_CHANNELS)[number];
export const LOGIN_CHANNEL_LABELS: Record<LoginChannel, string> = {
  miniprogram: '微信小程序',
  official_account: '微信公众号',
  web_view_ticket: '小程序内网页',
  demo: '演示账号',
};

/** Parts of the operations console; `GET /api/me` says which ones the caller may open. */
export const CONSOLE_SECTIONS = [
  'team',
  'products',
  'stock',
  'orders',
  'shifts',
  'teams',
  'approvals',
  'grading',
  'partners',
  'people',
  'payments',
] as const;
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number];
export const CONSOLE_SECTION_LABELS: Record<ConsoleSection, string> = {
  team: '我的团队',
  products: '商品管理',
  stock: '库存',
  orders: '订单发货',
  shifts: '班次',
  teams: '团队管理',
  approvals: '商品审核',
  grading: '班次评分',
  partners: '合作伙伴',
  people: '人员管理',
  payments: '支付异常',
};
