/** Error codes of the shift reports endpoints; errors.ts merges them into ERROR_DEFINITIONS. */
export const REPORTS_ERRORS = {
  SHIFT_WEIGHTS_INVALID: { status: 422, message: '校内导师与企业导师的权重之和必须等于 100%' },
  PAY_RATE_TOO_LOW: { status: 422, message: '时薪不能低于勤工助学最低标准 ¥12.00/小时' },
  TERM_NOT_FOUND: { status: 404, message: '学期不存在' },
  TERM_DATES_INVALID: { status: 422, message: '学期结束日期不能早于开始日期' },
  TERM_OVERLAPS: { status: 409, message: '学期日期与已有学期重叠' },
  TERM_NAME_TAKEN: { status: 409, message: '已有同名学期' },
  TERM_CLOSED: { status: 409, message: '学期已结束（成绩已锁定），不能再修改' },
  TIMESHEET_STUDENT_NOT_FOUND: { status: 404, message: '没有找到这位学生的工时表' },
  TIMESHEET_SCOPE: { status: 403, message: '该学生本月还在您不督导的团队上班，须由督导所有这些团队的老师或管理员审批' },
  TIMESHEET_APPROVED: { status: 409, message: '该月工时表已审批，已锁定' },
  TIMESHEET_MONTH_OPEN: { status: 409, message: '该月尚未结束，月底后才能审批工时表' },
  TIMESHEET_UNREVIEWED_PLACES: { status: 409, message: '还有自动签退的班次未审核，请先在考勤中审核后再审批工时' },
} as const satisfies Record<string, { status: number; message: string }>;
