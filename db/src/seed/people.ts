import type { SeedPerson } from './types';

/**
 * Demo people (invented names and numbers): two customers, a student of every team, a team
 * lead, two teachers who split the teams, a mentor from the 生恭鲤鱼 workshop and an admin.
 */
export const PEOPLE: readonly SeedPerson[] = [
  {
    persona: 'customer',
    displayName: '陈晓琳',
    roles: ['customer'],
    addresses: [
      { name: '陈晓琳', phone: '13800005678', areaCode: '440703', detail: '建设三路 88 号碧桂园 3 栋 1202 房', isDefault: true },
      { name: '陈晓琳', phone: '13800005678', areaCode: '440705', detail: '会城街道冈州大道中 23 号（公司前台）', isDefault: false },
    ],
  },
  {
    persona: 'customer-2',
    displayName: '黄志明',
    roles: ['customer'],
    addresses: [{ name: '黄志明', phone: '13926001234', areaCode: '440781', detail: '台城街道环北大道 6 号 2 座 501', isDefault: true }],
  },
  {
    persona: 'student-tiantian',
    displayName: '李嘉欣',
    roles: ['customer', 'student'],
    phone: '13702220101',
    memberships: [{ team: 'tiantian-yunying-1', post: 'warehouse' }],
  },
  {
    persona: 'lead-tiantian',
    displayName: '梁浩然',
    roles: ['customer', 'student'],
    phone: '13702220102',
    memberships: [{ team: 'tiantian-yunying-1', post: 'store_ops', isLead: true }],
  },
  {
    persona: 'student-feiyi',
    displayName: '吴婉婷',
    roles: ['customer', 'student'],
    phone: '13702220103',
    memberships: [{ team: 'feiyi-wenchuang', post: 'photo_design' }],
  },
  {
    persona: 'student-zhibo',
    displayName: '张子豪',
    roles: ['customer', 'student'],
    phone: '13702220104',
    memberships: [{ team: 'zhibo-daihuo', post: 'live_host' }],
  },
  {
    persona: 'student-yuecai',
    displayName: '何诗雅',
    roles: ['customer', 'student'],
    phone: '13702220105',
    memberships: [{ team: 'yuecai-meishi', post: 'customer_service' }],
  },
  {
    persona: 'teacher',
    displayName: '刘慧敏',
    roles: ['customer', 'teacher'],
    phone: '13902230201',
    supervises: ['tiantian-yunying-1', 'feiyi-wenchuang'],
  },
  {
    persona: 'teacher-2',
    displayName: '谭志坚',
    roles: ['customer', 'teacher'],
    phone: '13902230202',
    supervises: ['zhibo-daihuo', 'yuecai-meishi'],
  },
  {
    persona: 'mentor',
    displayName: '冯国强',
    roles: ['customer', 'mentor'],
    phone: '13536000301',
    partnerSlug: 'shenggong-liyu',
  },
  {
    persona: 'admin',
    displayName: '周文博',
    roles: ['customer', 'admin'],
    phone: '13902230001',
  },
];
