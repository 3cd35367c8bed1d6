import { LIVE_SESSION_STATE_LABELS, liveProductPath, liveShopPath, type LiveSession, type LiveSessionBrief, type LiveSessionState } from '@qiaodu/shared';
import type { SessionRow } from './repository';

export function liveStateOf(row: { startedAt: Date | null; endedAt: Date | null }): LiveSessionState {
  if (row.endedAt) return 'ended';
  return row.startedAt ? 'live' : 'pending';
}

export function toLiveSessionBrief(row: SessionRow): LiveSessionBrief {
  const state = liveStateOf(row);
  return { id: row.id, code: row.code, title: row.title, state, stateLabel: LIVE_SESSION_STATE_LABELS[state] };
}

/** `manages`: the caller hosts the shift or plans the team, so may start and end it. */
export function toLiveSession(row: SessionRow, manages: boolean): LiveSession {
  const brief = toLiveSessionBrief(row);
  return {
    ...brief,
    teamId: row.teamId,
    shift: { id: row.shiftId, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() },
    startedAt: row.startedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    createdBy: row.createdById !== null && row.createdByName !== null ? { id: row.createdById, name: row.createdByName } : null,
    createdAt: row.createdAt.toISOString(),
    shopPath: liveShopPath(row.code),
    productPathExample: liveProductPath(row.code, '{商品编号}'),
    can: { start: manages && brief.state === 'pending', end: manages && brief.state === 'live' },
  };
}
