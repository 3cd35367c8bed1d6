import type { Person } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { personFormOf, personFormProblems, personUpdateOf } from './personForm';

const mentor: Person = {
  id: 9,
  displayName: '李师傅',
  phone: '13800000009',
  roles: ['customer', 'mentor'],
  status: 'active',
  partner: { id: 4, name: '金鸿印象' },
  teams: [],
  createdAt: '2024-01-01T00:00:00Z',
  lastLoginAt: null,
};

describe('personUpdateOf', () => {
  it('should send nothing when nothing changed, whatever the order of roles', () => {
    const values = { ...personFormOf(mentor), roles: ['mentor' as const, 'customer' as const] };
    expect(personUpdateOf(mentor, values)).toEqual({});
  });

  it('should send only the changed fields', () => {
    expect(personUpdateOf(mentor, { ...personFormOf(mentor), status: 'disabled', displayName: ' 李老师傅 ' })).toEqual({
      status: 'disabled',
      displayName: '李老师傅',
    });
  });

  it('should drop the partner when the mentor role goes', () => {
    expect(personUpdateOf(mentor, { ...personFormOf(mentor), roles: ['customer'] })).toEqual({
      roles: ['customer'],
      partnerId: null,
    });
  });
});

describe('personFormProblems', () => {
  it('should need a name and a role', () => {
    expect(personFormProblems({ ...personFormOf(mentor), displayName: ' ', roles: [] })).toEqual({
      displayName: '请填写姓名',
      roles: '至少保留一个角色',
    });
  });
});
