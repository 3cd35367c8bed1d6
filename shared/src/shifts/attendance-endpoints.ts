/** The shift attendance endpoints with their schemas; endpoints.ts merges them. */
export const attendanceEndpoints = {} as const;
