/** Error codes of the shift grading endpoints; errors.ts merges them into ERROR_DEFINITIONS. */
export const GRADING_ERRORS = {} as const satisfies Record<string, { status: number; message: string }>;
