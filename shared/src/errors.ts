import { ATTENDANCE_ERRORS } from './shifts/attendance-errors';
import { GRADING_ERRORS } from './shifts/grading-errors';
import { PLANNING_ERRORS } from './shifts/planning-errors';
import { REPORTS_ERRORS } from './shifts/reports-errors';

/**
 * Every error the API can answer with. The server maps a code to its HTTP status;
 * clients switch on the code, never on the message. Messages are shown to users as is.
 */
export const ERROR_DEFINITIONS = {
  VALIDATION_FAILED: { status: 400, message: '请求参数不正确' },
  INVALID_JSON: { status: 400, message: '请求内容不是有效的 JSON' },
  BAD_REQUEST: { status: 400, message: '请求无法处理' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  PRODUCT_NOT_FOUND: { status: 404, message: '商品不存在或已下架' },
  PARTNER_NOT_FOUND: { status: 404, message: '合作伙伴不存在' },
  ADDRESS_NOT_FOUND: { status: 404, message: '收货地址不存在' },
  TEAM_NOT_FOUND: { status: 404, message: '团队不存在' },
  USER_NOT_FOUND: { status: 404, message: '用户不存在' },
  SKU_NOT_FOUND: { status: 404, message: '商品规格不存在' },
  IMAGE_NOT_FOUND: { status: 404, message: '图片不存在' },
  STOCK_COUNT_NOT_FOUND: { status: 404, message: '盘点单不存在' },
  CATEGORY_NOT_FOUND: { status: 422, message: '商品分类不存在' },
  PARTNER_NOT_LINKED: { status: 422, message: '本团队没有经营这个合作伙伴的商品' },
  SKU_CODE_TAKEN: { status: 409, message: '规格编码已被使用' },
  SKU_HAS_HISTORY: { status: 409, message: '该规格已有库存记录，不能删除，可将商品下架' },
  PRODUCT_HAS_HISTORY: { status: 409, message: '商品已有库存或审核记录，不能删除，可将其下架' },
  PRODUCT_INCOMPLETE: { status: 422, message: '商品信息不完整，请补充后再提交审核' },
  IMAGE_LIMIT_REACHED: { status: 409, message: '图片数量已达上限' },
  IMAGE_TOO_LARGE: { status: 413, message: '图片不能超过 10 MB' },
  IMAGE_UNSUPPORTED: { status: 415, message: '只支持 JPEG、PNG、WebP 格式的图片' },
  IMAGE_INVALID: { status: 422, message: '图片文件已损坏或无法识别' },
  IMAGE_TOO_MANY_PIXELS: { status: 422, message: '图片尺寸过大，请缩小后再上传' },
  STOCK_INSUFFICIENT: { status: 409, message: '库存不足，不能扣减到负数' },
  SKU_NOT_IN_COUNT: { status: 422, message: '该规格不在本次盘点范围内' },
  STOCK_COUNT_OPEN: { status: 409, message: '本团队已有进行中的盘点，请先完成或取消' },
  STOCK_COUNT_INCOMPLETE: { status: 422, message: '还有规格没有录入盘点数量' },
  ORDER_NOT_FOUND: { status: 404, message: '订单不存在' },
  REFUND_NOT_FOUND: { status: 404, message: '售后单不存在' },
  CART_ITEM_NOT_FOUND: { status: 404, message: '购物车里没有这件商品' },
  PICKUP_CODE_NOT_FOUND: { status: 404, message: '提货码不正确或订单不在本团队' },
  SKU_UNAVAILABLE: { status: 409, message: '商品已下架或规格不存在' },
  PURCHASE_LIMIT_EXCEEDED: { status: 409, message: '超出限购数量' },
  ORDER_AMOUNT_ZERO: { status: 422, message: '订单金额为 0 元，无法下单支付' },
  CART_FULL: { status: 409, message: '购物车已满，请先结算或删除部分商品' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: '请求缺少 Idempotency-Key 请求头' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '同一个 Idempotency-Key 不能用于不同的订单内容' },
  REFUND_AMOUNT_TOO_HIGH: { status: 422, message: '退款金额超过可退金额' },
  REFUND_IN_PROGRESS: { status: 409, message: '这些商品已有进行中的售后申请' },
  REFUND_WINDOW_CLOSED: { status: 409, message: '订单已超过售后期限' },
  REFUND_NEEDS_TEACHER: { status: 403, message: '金额较大的退款需由指导老师审批' },
  OWN_ORDER: { status: 403, message: '不能处理自己下的订单' },
  PAYMENT_UNAVAILABLE: { status: 409, message: '当前未开放此支付方式' },
  PAYMENT_PROVIDER_UNAVAILABLE: { status: 503, message: '微信支付暂时不可用，请稍后再试' },
  PAYMENT_PROVIDER_REFUSED: { status: 502, message: '微信支付未能受理这笔支付，请稍后重试' },
  WECHAT_IDENTITY_REQUIRED: { status: 409, message: '请先用微信登录后再支付' },
  SIMULATED_TRADE_UNKNOWN: { status: 409, message: '模拟支付已重置，请重新点击支付' },
  PAYMENT_FLAG_NOT_FOUND: { status: 404, message: '支付异常记录不存在' },
  PAYMENT_FLAG_RESOLVED: { status: 409, message: '这条支付异常已处理' },
  PERSONA_NOT_FOUND: { status: 404, message: '没有这个演示账号' },
  LOGIN_TICKET_INVALID: { status: 401, message: '登录凭证已失效，请重新进入商城' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已被停用，请联系管理员' },
  WECHAT_CODE_INVALID: { status: 400, message: '微信登录凭证无效或已使用，请重新登录' },
  WECHAT_USER_BLOCKED: { status: 403, message: '该微信账号暂时无法登录' },
  WECHAT_LOGIN_UNAVAILABLE: { status: 404, message: '当前未开放此微信登录方式' },
  WECHAT_RATE_LIMITED: { status: 429, message: '微信登录过于频繁，请稍后再试' },
  WECHAT_BUSY: { status: 503, message: '微信服务繁忙，请稍后再试' },
  WECHAT_LOGIN_FAILED: { status: 502, message: '微信登录失败，请稍后再试' },
  ADDRESS_LIMIT_REACHED: { status: 409, message: '最多只能保存 20 个收货地址' },
  ACCOUNT_HAS_OPEN_ORDERS: { status: 409, message: '还有进行中的订单或售后，请在完成或取消后再注销' },
  ACCOUNT_HAS_STAFF_ROLES: { status: 409, message: '运营人员账号需由管理员解除身份后才能注销' },
  ALREADY_EXISTS: { status: 409, message: '已存在相同的记录' },
  LAST_ADMIN: { status: 409, message: '至少需要保留一名管理员' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持该请求方法' },
  NOT_ACCEPTABLE: { status: 406, message: '无法提供所请求的内容格式' },
  REQUEST_TIMEOUT: { status: 408, message: '请求超时，请重试' },
  INVALID_STATE: { status: 409, message: '当前状态不允许此操作' },
  OUT_OF_STOCK: { status: 409, message: '库存不足' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  URI_TOO_LONG: { status: 414, message: '请求地址过长' },
  HEADERS_TOO_LARGE: { status: 431, message: '请求地址或请求头过长' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的请求内容类型' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  INTERNAL_ERROR: { status: 500, message: '服务器开小差了，请稍后再试' },
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
  ...PLANNING_ERRORS,
  ...ATTENDANCE_ERRORS,
  ...GRADING_ERRORS,
  ...REPORTS_ERRORS,
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_DEFINITIONS;

export const ERROR_CODES = Object.keys(ERROR_DEFINITIONS) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  // Object.hasOwn is missing from the older WeChat webviews (Chrome < 93, iOS < 15.4) we build for.
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_DEFINITIONS, value);
}
