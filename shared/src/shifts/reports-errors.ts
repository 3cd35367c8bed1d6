/** Error codes of the shift reports endpoints; errors.ts merges them into ERROR_DEFINITIONS. */
export const REPORTS_ERRORS = {} as const satisfies Record<string, { status: number; message: string }>;
