/** The shift grading endpoints with their schemas; endpoints.ts merges them. */
export const gradingEndpoints = {} as const;
