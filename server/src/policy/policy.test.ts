import { describe, expect, it } from 'vitest';
import { testActor as actor } from './testing/test-actor';
import { consoleSections, decide, isActiveAdmin, mayHoldTie, relationTo, seesFullContactOf, seesFullPersonalData, visibleTeams } from './policy';

const student = actor(['customer', 'student'], { memberships: new Map([[1, { post: 'warehouse', isLead: false }]]) });
const teacher = actor(['customer', 'teacher'], { supervisedTeamIds: new Set([1]) });
const mentor = actor(['customer', 'mentor'], { partnerTeamIds: new Set([2]) });
const admin = actor(['customer', 'admin']);
const customer = actor(['customer']);

describe('policy', () => {
  it('should not count a tie whose role was taken away', () => {
    const formerStudent = actor(['customer'], { memberships: new Map([[1, { post: 'warehouse', isLead: false }]]) });
    expect(relationTo(formerStudent, 1)).toBeNull();
    expect(decide(formerStudent, 'team.view', { teamId: 1 })).toBe('forbidden');
    expect(consoleSections(formerStudent)).toEqual([]);
  });

  it('should hide a team from staff who have nothing to do with it and refuse its own people what they may not do', () => {
    expect(decide(student, 'team.view', { teamId: 1 })).toBe('allow');
    expect(decide(student, 'team.view', { teamId: 2 })).toBe('hidden');
    expect(decide(student, 'team.manage_members', { teamId: 1 })).toBe('forbidden');
    expect(decide(teacher, 'team.manage_members', { teamId: 1 })).toBe('allow');
    expect(decide(teacher, 'team.manage_members', { teamId: 2 })).toBe('hidden');
    expect(decide(mentor, 'team.view', { teamId: 2 })).toBe('allow');
    expect(decide(mentor, 'team.manage_members', { teamId: 2 })).toBe('forbidden');
    expect(decide(admin, 'team.manage_supervisors', { teamId: 99 })).toBe('allow');
    expect(decide(customer, 'team.view', { teamId: 1 })).toBe('forbidden');
  });

  it('should show full personal data to teachers and admins only', () => {
    expect([student, mentor, customer, teacher, admin].map(seesFullPersonalData)).toEqual([false, false, false, true, true]);
  });

  it('should list the teams each kind of staff works with', () => {
    expect(visibleTeams(admin)).toBe('all');
    expect([...(visibleTeams(student) as Set<number>)]).toEqual([1]);
    expect([...(visibleTeams(mentor) as Set<number>)]).toEqual([2]);
  });

  it('should tie only people with the matching role to teams and partners', () => {
    expect(mayHoldTie({ roles: ['customer', 'student'] }, 'member')).toBe(true);
    expect(mayHoldTie({ roles: ['customer', 'teacher'] }, 'member')).toBe(false);
    expect(mayHoldTie({ roles: ['customer', 'teacher'] }, 'supervisor')).toBe(true);
    expect(mayHoldTie({ roles: ['customer', 'admin'] }, 'partner')).toBe(false);
    expect(mayHoldTie({ roles: ['mentor'] }, 'partner')).toBe(true);
  });

  it('should count only active admins as the admins the shop must keep', () => {
    expect(isActiveAdmin({ roles: ['customer', 'admin'], status: 'active' })).toBe(true);
    expect(isActiveAdmin({ roles: ['customer', 'admin'], status: 'disabled' })).toBe(false);
    expect(isActiveAdmin({ roles: ['customer', 'teacher'], status: 'active' })).toBe(false);
  });

  it('should show a staff member’s phone to admins, and to teachers only for their own teams', () => {
    expect(seesFullContactOf(admin, [])).toBe(true);
    expect(seesFullContactOf(teacher, [1])).toBe(true);
    expect(seesFullContactOf(teacher, [2])).toBe(false);
    expect(seesFullContactOf(student, [1])).toBe(false);
  });
});
