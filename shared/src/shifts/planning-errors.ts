/** Error codes of the shift planning endpoints; errors.ts merges them into ERROR_DEFINITIONS. */
export const PLANNING_ERRORS = {} as const satisfies Record<string, { status: number; message: string }>;
