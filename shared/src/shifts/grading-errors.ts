/** Error codes of the shift grading endpoints; errors.ts merges them into ERROR_DEFINITIONS. */
export const GRADING_ERRORS = {
  RUBRIC_NOT_FOUND: { status: 404, message: '评分量表不存在' },
  RUBRIC_ARCHIVED: { status: 409, message: '评分量表已归档，不能修改或设为默认' },
  RUBRIC_IS_DEFAULT: { status: 409, message: '默认量表不能归档，请先把其他量表设为默认' },
  RUBRIC_MISSING: { status: 409, message: '该岗位还没有默认评分量表，请先在评分量表中设置' },
  SHIFT_NOT_GRADABLE: { status: 409, message: '只有已完成（或自动签退）的班次才能评分' },
  GRADE_LEVEL_INVALID: { status: 422, message: '评分等级不在评分量表中' },
  GRADE_INCOMPLETE: { status: 422, message: '请为每个评分项选择等级' },
  GRADE_LOCKED: { status: 409, message: '成绩已锁定（学期已结束），只有管理员可以修改' },
  GRADE_SIDE_FORBIDDEN: { status: 403, message: '只有管理员可以指定评分方' },
  GRADE_REASON_REQUIRED: { status: 422, message: '修改已锁定的成绩必须填写原因' },
} as const satisfies Record<string, { status: number; message: string }>;
