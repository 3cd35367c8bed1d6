import type { Route } from '../routes';

const TEAM = '/api/console/teams/:teamId';

/** Method and path of the shift planning endpoints (zod-free: the storefront calls through these). */
export const PLANNING_ROUTES = {
  listShiftTemplates: { method: 'get', path: `${TEAM}/shift-templates` },
  createShiftTemplate: { method: 'post', path: `${TEAM}/shift-templates` },
  updateShiftTemplate: { method: 'patch', path: `${TEAM}/shift-templates/:templateId` },
  retireShiftTemplate: { method: 'post', path: `${TEAM}/shift-templates/:templateId/retire` },

  getScheduleWeek: { method: 'get', path: `${TEAM}/schedule-weeks/:weekStart` },
  generateScheduleWeek: { method: 'post', path: `${TEAM}/schedule-weeks/:weekStart/generate` },
  publishScheduleWeek: { method: 'post', path: `${TEAM}/schedule-weeks/:weekStart/publish` },

  createOneOffShift: { method: 'post', path: `${TEAM}/shifts` },
  updatePlannedShift: { method: 'patch', path: `${TEAM}/shifts/:shiftId` },
  cancelPlannedShift: { method: 'post', path: `${TEAM}/shifts/:shiftId/cancel` },
  listShiftCandidates: { method: 'get', path: `${TEAM}/shifts/:shiftId/candidates` },
  signUpForShift: { method: 'post', path: `${TEAM}/shifts/:shiftId/signup` },
  withdrawShiftSignup: { method: 'delete', path: `${TEAM}/shifts/:shiftId/signup` },
  assignShiftPlace: { method: 'post', path: `${TEAM}/shifts/:shiftId/places` },
  removeShiftPlace: { method: 'delete', path: `${TEAM}/shifts/:shiftId/places/:assignmentId` },

  requestShiftSwap: { method: 'post', path: `${TEAM}/swap-requests` },
  listTeamSwapRequests: { method: 'get', path: `${TEAM}/swap-requests` },
  acceptShiftSwap: { method: 'post', path: `${TEAM}/swap-requests/:requestId/accept` },
  declineShiftSwap: { method: 'post', path: `${TEAM}/swap-requests/:requestId/decline` },
  withdrawShiftSwap: { method: 'post', path: `${TEAM}/swap-requests/:requestId/withdraw` },
  approveShiftSwap: { method: 'post', path: `${TEAM}/swap-requests/:requestId/approve` },
  rejectShiftSwap: { method: 'post', path: `${TEAM}/swap-requests/:requestId/reject` },

  getMyShifts: { method: 'get', path: '/api/console/shifts/mine' },
  listMySwapRequests: { method: 'get', path: '/api/console/shifts/swap-requests' },
  listMyAvailability: { method: 'get', path: '/api/console/shifts/availability' },
  createMyAvailability: { method: 'post', path: '/api/console/shifts/availability' },
  deleteMyAvailability: { method: 'delete', path: '/api/console/shifts/availability/:declarationId' },
} as const satisfies Record<string, Route>;
