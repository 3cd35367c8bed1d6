/** Error codes of the shift attendance endpoints; errors.ts merges them into ERROR_DEFINITIONS. */
export const ATTENDANCE_ERRORS = {} as const satisfies Record<string, { status: number; message: string }>;
