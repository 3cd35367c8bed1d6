import type { Role } from '@qiaodu/shared';
import type { Actor } from '../actor';

/** A caller for unit tests of rules that ask the policy: roles and team ties, nothing else. */
export function testActor(roles: Role[], ties: Partial<Pick<Actor, 'memberships' | 'supervisedTeamIds' | 'partnerTeamIds'>> = {}): Actor {
  return {
    userId: 1,
    sessionId: 1,
    channel: 'demo',
    expiresAt: new Date(),
    roles: new Set(roles),
    memberships: ties.memberships ?? new Map(),
    supervisedTeamIds: ties.supervisedTeamIds ?? new Set(),
    partnerId: null,
    partnerTeamIds: ties.partnerTeamIds ?? new Set(),
  };
}
