import type { Person, Post, TeamMember } from '@qiaodu/shared';

/** A member joining (`joining`) or already in a team, as the member editor edits them. */
export interface MemberDraft {
  userId: number;
  displayName: string;
  post: Post | null;
  isLead: boolean;
  joining: boolean;
}

export function draftOfMember(member: TeamMember): MemberDraft {
  return { userId: member.userId, displayName: member.displayName, post: member.post, isLead: member.isLead, joining: false };
}

/** A newcomer picks a post first; nobody becomes lead by joining. */
export function draftOfNewcomer(person: Person): MemberDraft {
  return { userId: person.id, displayName: person.displayName, post: null, isLead: false, joining: true };
}
