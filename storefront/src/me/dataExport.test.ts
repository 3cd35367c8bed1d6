import type { MyDataExport } from '@qiaodu/shared';
import { describe, expect, it } from 'vitest';
import { exportJson, summarizeExport } from './dataExport';

const data: MyDataExport = {
  exportedAt: '2024-03-01T08:00:00+08:00',
  user: {
    id: 3,
    displayName: '陈小明',
    avatarUrl: null,
    roles: ['customer', 'student'],
    status: 'active',
    phone: '13702220101',
    createdAt: '2023-09-01T08:00:00+08:00',
    lastLoginAt: '2024-03-01T07:59:00+08:00',
  },
  wechatAccounts: [{ appId: 'wx1', openid: 'o1', unionid: null, createdAt: '2023-09-01T08:00:00+08:00' }],
  addresses: [],
  teams: [{ id: 1, slug: 'tiantian-1', name: '天天市集运营一组', relation: 'member', post: 'warehouse', isLead: false }],
  sessions: [
    {
      channel: 'miniprogram',
      createdAt: '2024-03-01T08:00:00+08:00',
      lastSeenAt: '2024-03-01T08:00:00+08:00',
      expiresAt: '2024-03-31T08:00:00+08:00',
      revokedAt: null,
    },
    {
      channel: 'demo',
      createdAt: '2024-02-01T08:00:00+08:00',
      lastSeenAt: '2024-02-01T08:00:00+08:00',
      expiresAt: '2024-03-01T08:00:00+08:00',
      revokedAt: '2024-02-02T08:00:00+08:00',
    },
  ],
  personalDataAccess: [],
  orders: [],
};

describe('summarizeExport', () => {
  it('should say in words what the export holds', () => {
    expect(summarizeExport(data)).toEqual([
      { label: '昵称', value: '陈小明' },
      { label: '本人手机号', value: '13702220101' },
      { label: '微信身份', value: '1 个（小程序 / 公众号 openid）' },
      { label: '收货地址', value: '0 个' },
      { label: '订单', value: '无' },
      { label: '团队与岗位', value: '天天市集运营一组' },
      { label: '登录记录', value: '2 次（1 个仍有效）' },
      { label: '个人信息查看记录', value: '无人查看过' },
    ]);
  });
});

describe('exportJson', () => {
  it('should be readable JSON of the whole export', () => {
    expect(JSON.parse(exportJson(data))).toEqual(data);
    expect(exportJson(data)).toContain('\n  "exportedAt"');
  });
});
