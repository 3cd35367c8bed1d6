import type { LoginChannel, Post, Role } from '@qiaodu/shared';

export interface Membership {
  post: Post;
  isLead: boolean;
}

/** The logged-in caller as the policy sees them: loaded once per request with the session. */
export interface Actor {
  userId: number;
  sessionId: number;
  channel: LoginChannel;
  expiresAt: Date;
  roles: ReadonlySet<Role>;
  /** Teams the user works in (students), with their post and lead flag. */
  memberships: ReadonlyMap<number, Membership>;
  /** Teams a teacher supervises. */
  supervisedTeamIds: ReadonlySet<number>;
  /** A mentor's partner, and the teams that run that partner's goods. */
  partnerId: number | null;
  partnerTeamIds: ReadonlySet<number>;
}
