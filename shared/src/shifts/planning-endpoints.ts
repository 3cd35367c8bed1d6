/** The shift planning endpoints with their schemas; endpoints.ts merges them. */
export const planningEndpoints = {} as const;
