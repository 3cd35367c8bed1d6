import type { Role } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../policy/actor';
import { missingForSubmit, productCapabilities, refusedTransitionMessage } from './rules';

function actor(roles: Role[], ties: Partial<Pick<Actor, 'memberships' | 'supervisedTeamIds'>> = {}): Actor {
  return {
    userId: 1,
    sessionId: 1,
    channel: 'demo',
    expiresAt: new Date(),
    roles: new Set(roles),
    memberships: ties.memberships ?? new Map(),
    supervisedTeamIds: ties.supervisedTeamIds ?? new Set(),
    partnerId: null,
    partnerTeamIds: new Set(),
  };
}

const student = actor(['student'], { memberships: new Map([[1, { post: 'photo_design', isLead: false }]]) });
const teacher = actor(['teacher'], { supervisedTeamIds: new Set([1]) });

describe('productCapabilities', () => {
  it('should give a member the team’s buttons for the status and a supervising teacher only review', () => {
    const draft = { teamId: 1, status: 'draft' as const, hasHistory: false };
    expect(productCapabilities(student, draft)).toEqual({
      edit: true,
      submit: true,
      withdraw: false,
      review: false,
      takeOffShelf: false,
      relist: false,
      delete: true,
    });
    const submitted = { ...draft, status: 'submitted' as const };
    expect(productCapabilities(student, submitted)).toMatchObject({ edit: false, withdraw: true, review: false, delete: false });
    expect(productCapabilities(teacher, submitted)).toEqual({
      edit: false,
      submit: false,
      withdraw: false,
      review: true,
      takeOffShelf: false,
      relist: false,
      delete: false,
    });
  });

  it('should keep a draft with history and refuse members of other teams everything', () => {
    expect(productCapabilities(student, { teamId: 1, status: 'draft', hasHistory: true }).delete).toBe(false);
    expect(Object.values(productCapabilities(student, { teamId: 2, status: 'on_sale', hasHistory: false }))).not.toContain(true);
    expect(productCapabilities(student, { teamId: 1, status: 'on_sale', hasHistory: false })).toMatchObject({ edit: true, takeOffShelf: true, relist: false });
  });
});

describe('workflow messages', () => {
  it('should name what a product lacks before review', () => {
    expect(missingForSubmit({ title: ' ', skuCount: 0, galleryCount: 0 })).toEqual(['商品名称', '至少一个规格', '至少一张主图']);
    expect(missingForSubmit({ title: '鲤鱼灯', skuCount: 1, galleryCount: 1 })).toEqual([]);
  });

  it('should say which status refused which step', () => {
    expect(refusedTransitionMessage('on_sale', 'submit')).toBe('商品当前为“在售”，不能提交审核');
  });
});
