import { ROUTES } from '@qiaodu/shared';
import type { CreateLiveSessionBody, LiveBoard, LiveSession, LiveSessionList } from '@qiaodu/shared';
import { request } from './http';
import type { CallOptions } from './http';

/** 直播 sessions of a team and the live board. */

export function listTeamLiveSessions(teamId: number, options: CallOptions = {}): Promise<LiveSessionList> {
  const { method, path } = ROUTES.listTeamLiveSessions;
  return request<LiveSessionList>(method, path, { ...options, params: { teamId } });
}

export function createLiveSession(teamId: number, body: CreateLiveSessionBody): Promise<LiveSession> {
  const { method, path } = ROUTES.createLiveSession;
  return request<LiveSession>(method, path, { params: { teamId }, body });
}

export function startLiveSession(sessionId: number): Promise<LiveSession> {
  const { method, path } = ROUTES.startLiveSession;
  return request<LiveSession>(method, path, { params: { sessionId } });
}

export function endLiveSession(sessionId: number): Promise<LiveSession> {
  const { method, path } = ROUTES.endLiveSession;
  return request<LiveSession>(method, path, { params: { sessionId } });
}

export function getLiveBoard(sessionId: number, options: CallOptions = {}): Promise<LiveBoard> {
  const { method, path } = ROUTES.getLiveBoard;
  return request<LiveBoard>(method, path, { ...options, params: { sessionId } });
}
