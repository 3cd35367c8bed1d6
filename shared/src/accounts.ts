import { ORDER_STATUSES } from './order-enums';
import { z } from 'zod';
import { CONSOLE_SECTIONS, LOGIN_CHANNELS, POSTS, ROLES, USER_STATUSES } from './account-enums';
import { ACCOUNT_DELETION_CONFIRMATION, ADDRESS_BOOK_MAX, DISPLAY_NAME_MAX, RECIPIENT_NAME_MAX } from './limits';
import { AddressDetail, MainlandMobile, personName } from './people';
import { Id, Timestamp } from './primitives';
import { regionOf } from './regions';

export const RoleSchema = z.enum(ROLES, { error: '角色不正确' });
export const PostSchema = z.enum(POSTS, { error: '岗位不正确' });
export const UserStatusSchema = z.enum(USER_STATUSES);

/** The logged-in user as the storefront keeps it. */
export const SessionUser = z.object({
  id: z.number().int(),
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  roles: z.array(RoleSchema),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: Timestamp,
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** A `wx.login` / OAuth code: WeChat's codes are short URL-safe strings. */
const WeChatCode = z
  .string({ error: '缺少微信登录凭证' })
  .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: '微信登录凭证格式不正确' });
export const WeChatCodeBody = z.strictObject({ code: WeChatCode });

export const AuthOptions = z.object({
  /** No WeChat app configured: demo personas log in instead. */
  demo: z.boolean(),
  miniProgram: z.boolean(),
  /** The 公众号 appid for the snsapi_base OAuth redirect, when configured. */
  officialAccountAppId: z.string().nullable(),
  /**
   * How customers pay: `wechat` (a merchant is configured), `simulator` (demo shop: the built-in
   * WeChat Pay simulator and its 模拟支付 sheet) or `unavailable` (WeChat login without a merchant).
   */
  payment: z.enum(['wechat', 'simulator', 'unavailable']),
});
export type AuthOptions = z.infer<typeof AuthOptions>;

export const DemoPersona = z.object({
  persona: z.string(),
  name: z.string(),
  role: RoleSchema,
  /** e.g. 天天市集运营一组 · 仓管发货 */
  title: z.string(),
});
export type DemoPersona = z.infer<typeof DemoPersona>;
export const DemoPersonaList = z.array(DemoPersona);

export const DemoLoginBody = z.strictObject({
  persona: z.string({ error: '请选择演示账号' }).regex(/^[a-z0-9-]{1,40}$/, { error: '演示账号名称不正确' }),
});

export const LoginTicket = z.object({ ticket: z.string(), expiresAt: Timestamp });
export type LoginTicket = z.infer<typeof LoginTicket>;
export const TicketExchangeBody = z.strictObject({
  ticket: z.string({ error: '缺少登录凭证' }).regex(/^[A-Za-z0-9_-]{16,64}$/, { error: '登录凭证格式不正确' }),
});

export const OkResponse = z.object({ ok: z.literal(true) });

export const MeTeam = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  /** member: works in it; supervisor: a teacher over it; partner: a mentor's partner's goods run there. */
  relation: z.enum(['member', 'supervisor', 'partner']),
  post: PostSchema.nullable(),
  isLead: z.boolean(),
});
export type MeTeam = z.infer<typeof MeTeam>;

export const MeResponse = z.object({
  user: SessionUser.extend({ status: UserStatusSchema }),
  teams: z.array(MeTeam),
  partner: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  console: z.object({ sections: z.array(z.enum(CONSOLE_SECTIONS)) }),
  session: z.object({ channel: z.enum(LOGIN_CHANNELS), expiresAt: Timestamp }),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const UpdateMeBody = z.strictObject({ displayName: personName(DISPLAY_NAME_MAX) });

/** A 6-digit county code, parsed into its province, city and county: names never come from the client. */
export const AreaCode = z.string({ error: '请选择省市区' }).transform((code, ctx) => {
  const region = regionOf(code);
  if (!region) {
    ctx.addIssue({ code: 'custom', message: '请选择有效的省市区' });
    return z.NEVER;
  }
  return region;
});

export const AddressInput = z.strictObject({
  name: personName(RECIPIENT_NAME_MAX),
  phone: MainlandMobile,
  areaCode: AreaCode,
  detail: AddressDetail,
  isDefault: z.boolean().optional(),
});
export type AddressInput = z.input<typeof AddressInput>;

export const Address = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string(),
  areaCode: z.string(),
  province: z.string(),
  city: z.string(),
  county: z.string(),
  detail: z.string(),
  isDefault: z.boolean(),
  updatedAt: Timestamp,
});
export type Address = z.infer<typeof Address>;

export const AddressList = z.object({ items: z.array(Address), max: z.literal(ADDRESS_BOOK_MAX) });
export type AddressList = z.infer<typeof AddressList>;

export const MyDataExport = z.object({
  exportedAt: Timestamp,
  user: SessionUser.extend({
    status: UserStatusSchema,
    /** A staff member's own contact number (customers' phones are on their addresses). */
    phone: z.string().nullable(),
    createdAt: Timestamp,
    lastLoginAt: Timestamp.nullable(),
  }),
  wechatAccounts: z.array(
    z.object({ appId: z.string(), openid: z.string(), unionid: z.string().nullable(), createdAt: Timestamp }),
  ),
  addresses: z.array(Address),
  teams: z.array(MeTeam),
  sessions: z.array(
    z.object({
      channel: z.enum(LOGIN_CHANNELS),
      createdAt: Timestamp,
      lastSeenAt: Timestamp,
      expiresAt: Timestamp,
      revokedAt: Timestamp.nullable(),
    }),
  ),
  /** Staff who opened this customer's full personal data, and why (PIPL access log). */
  personalDataAccess: z.array(z.object({ at: Timestamp, viewer: z.string(), purpose: z.string() })),
  /** The customer's orders (their full details stay readable under 我的订单). */
  orders: z.array(z.object({ orderNo: z.string(), status: z.enum(ORDER_STATUSES), totalFen: z.number().int(), createdAt: Timestamp })),
});
export type MyDataExport = z.infer<typeof MyDataExport>;

export const DeleteAccountBody = z.strictObject({
  confirm: z.literal(ACCOUNT_DELETION_CONFIRMATION, { error: `请输入“${ACCOUNT_DELETION_CONFIRMATION}”确认` }),
});

export const AddressParams = z.object({ id: Id });
