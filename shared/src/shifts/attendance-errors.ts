/** Error codes of the shift attendance endpoints; errors.ts merges them into ERROR_DEFINITIONS. */
export const ATTENDANCE_ERRORS = {
  CLOCK_IN_NOT_OPEN: { status: 409, message: '还没到签到时间' },
  CLOCK_IN_CLOSED: { status: 409, message: '班次已结束，不能签到' },
  SHIFT_NOT_WORKABLE: { status: 409, message: '班次未发布或已取消，不能签到' },
  ACTIVE_SHIFT_EXISTS: { status: 409, message: '你已在另一个班次签到，请先签退' },
  ATTENDANCE_MONTH_LOCKED: { status: 409, message: '该月工时已审批，考勤已锁定，不能更正' },
  ATTENDANCE_OWN_PLACE: { status: 403, message: '不能更正或复核自己的考勤，请由指导教师处理' },
  ATTENDANCE_SHIFT_NOT_OVER: { status: 409, message: '班次还没结束，不能更正考勤' },
  ATTENDANCE_CORRECTION_INVALID: { status: 422, message: '更正后的考勤不完整' },
  LIVE_SESSION_NOT_FOUND: { status: 404, message: '直播场次不存在' },
  LIVE_SHIFT_NOT_FOUND: { status: 404, message: '班次不存在' },
  LIVE_SHIFT_ENDED: { status: 409, message: '班次已结束，不能再开直播' },
  LIVE_SHIFT_NOT_LIVE_HOST: { status: 409, message: '只有直播主播岗位的班次可以开直播' },
} as const satisfies Record<string, { status: number; message: string }>;
