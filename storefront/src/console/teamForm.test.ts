import { describe, expect, it } from 'vitest';
import { emptyTeamForm, teamFormProblems, toTeamInput, toTeamUpdate } from './teamForm';

describe('teamFormProblems', () => {
  it('should ask for slug and name of a new team', () => {
    expect(teamFormProblems(emptyTeamForm(), true)).toEqual({ slug: '请填写英文标识', name: '请填写团队名称' });
  });

  it('should refuse a slug with capitals or spaces', () => {
    expect(teamFormProblems({ ...emptyTeamForm(), slug: 'Tian Tian', name: '天天市集运营三组' }, true)).toEqual({
      slug: '标识只能包含小写字母、数字和连字符',
    });
  });

  it('should not check the slug of an existing team', () => {
    expect(teamFormProblems({ ...emptyTeamForm(), name: '天天市集运营三组' }, false)).toEqual({});
  });

  it('should limit the description', () => {
    expect(teamFormProblems({ ...emptyTeamForm(), name: '三组', description: '介'.repeat(501) }, false)).toEqual({
      description: '团队介绍最多 500 个字',
    });
  });
});

describe('team bodies', () => {
  it('should trim text and leave the slug out of updates', () => {
    const values = { slug: 'tiantian-3', name: ' 天天市集运营三组 ', description: ' 新会陈皮 ', partnerIds: [2] };
    expect(toTeamInput(values)).toEqual({ slug: 'tiantian-3', name: '天天市集运营三组', description: '新会陈皮', partnerIds: [2] });
    expect(toTeamUpdate(values)).toEqual({ name: '天天市集运营三组', description: '新会陈皮', partnerIds: [2] });
  });
});
