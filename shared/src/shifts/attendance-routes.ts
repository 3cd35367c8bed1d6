import type { Route } from '../routes';

/** Method and path of the shift attendance endpoints (zod-free: the storefront calls through these). */
export const ATTENDANCE_ROUTES = {
  getMyShift: { method: 'get', path: '/api/console/my-shift' },
  clockInShiftPlace: { method: 'post', path: '/api/console/shift-places/:assignmentId/clock-in' },
  clockOutShiftPlace: { method: 'post', path: '/api/console/shift-places/:assignmentId/clock-out' },
  listTeamAttendance: { method: 'get', path: '/api/console/teams/:teamId/attendance' },
  getAttendanceHistory: { method: 'get', path: '/api/console/teams/:teamId/attendance/:assignmentId' },
  correctAttendance: { method: 'post', path: '/api/console/teams/:teamId/attendance/:assignmentId/corrections' },
  reviewAutoClosedAttendance: { method: 'post', path: '/api/console/teams/:teamId/attendance/:assignmentId/review' },
  listTeamLiveSessions: { method: 'get', path: '/api/console/teams/:teamId/live-sessions' },
  createLiveSession: { method: 'post', path: '/api/console/teams/:teamId/live-sessions' },
  startLiveSession: { method: 'post', path: '/api/console/live-sessions/:sessionId/start' },
  endLiveSession: { method: 'post', path: '/api/console/live-sessions/:sessionId/end' },
  getLiveBoard: { method: 'get', path: '/api/console/live-sessions/:sessionId/board' },
} as const satisfies Record<string, Route>;
