import type { RouteRecordRaw } from 'vue-router';

/** Console pages of shift grading, children of /console (consoleRoutes.ts). */
export const gradingRoutes: RouteRecordRaw[] = [];
