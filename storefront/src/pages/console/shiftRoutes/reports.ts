import type { RouteRecordRaw } from 'vue-router';

/** Console pages of shift reports, children of /console (consoleRoutes.ts). */
export const reportsRoutes: RouteRecordRaw[] = [];
