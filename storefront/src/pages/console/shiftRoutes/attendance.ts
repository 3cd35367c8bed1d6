import type { RouteRecordRaw } from 'vue-router';

/** Console pages of shift attendance, children of /console (consoleRoutes.ts). */
export const attendanceRoutes: RouteRecordRaw[] = [];
