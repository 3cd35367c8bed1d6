import { endpoints } from '@qiaodu/shared';
import type { RouteMounter } from '../../http/route';
import type { ShiftDeps } from '../deps';
import { createLiveService } from './service';

/** 直播 sessions of a team's 直播主播 shifts and their live board. */
export function mountLiveRoutes(mount: RouteMounter, deps: ShiftDeps): void {
  const live = createLiveService(deps);
  mount(endpoints.listTeamLiveSessions, ({ actor, params }) => live.list(actor, params.teamId));
  mount(endpoints.createLiveSession, ({ actor, params, body }) => live.create(actor, params.teamId, body), { created: true });
  mount(endpoints.startLiveSession, ({ actor, params }) => live.start(actor, params.sessionId));
  mount(endpoints.endLiveSession, ({ actor, params }) => live.end(actor, params.sessionId));
  mount(endpoints.getLiveBoard, ({ actor, params }) => live.board(actor, params.sessionId));
}
