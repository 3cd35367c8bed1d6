import type { RouteRecordRaw } from 'vue-router';

/** Console pages of shift planning, children of /console (consoleRoutes.ts). */
export const planningRoutes: RouteRecordRaw[] = [];
