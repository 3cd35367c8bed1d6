/** The shift reports endpoints with their schemas; endpoints.ts merges them. */
export const reportsEndpoints = {} as const;
