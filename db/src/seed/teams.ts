import type { SeedTeam } from './types';

/** Student teams that run the shop, and the partners whose goods each team manages. */
export const TEAMS: readonly SeedTeam[] = [
  {
    slug: 'tiantian-yunying-1',
    name: '天天市集运营一组',
    description:
      '驻天天市集实践中心，负责助农选品、日用百货和包装耗材的上架、库存盘点、校内自提和快递发货。由电子商务和会计事务专业二年级学生轮班运营。',
    partnerSlugs: ['tiantian-shiji', 'jingji-suojiao', 'xinxi-fapao', 'taishan-baiyun-cha'],
  },
  {
    slug: 'feiyi-wenchuang',
    name: '非遗文创组',
    description:
      '对接生恭鲤鱼、新会葵艺、茅龙笔和开平灰塑等非遗传承人，联合 3D 打印和平面设计工作室开发文创，负责产品拍摄、详情页文案和溯源资料整理。',
    partnerSlugs: [
      'shenggong-liyu',
      'xinhui-kuiyi',
      'baisha-maolongbi',
      'kaiping-huisu',
      'yizhi-3d-studio',
      'yizhi-design-studio',
    ],
  },
  {
    slug: 'zhibo-daihuo',
    name: '直播带货组',
    description:
      '在校企双创直播实训基地的五个直播间轮班，负责直播策划、话术、场控和直播间商品上架。只做正规商品的销售直播，重点推介非遗和本地特产。',
    partnerSlugs: ['xinhui-chenpi', 'shenggong-liyu', 'xiangdang-youwei', 'taishan-baiyun-cha'],
  },
  {
    slug: 'yuecai-meishi',
    name: '粤菜美食组',
    description:
      '烹饪专业与电子商务专业学生混编，跟金鸿印象实训厨房和湘当有味门店对接出品、品控、冷链打包和售后，节令产品按档期上下架。',
    partnerSlugs: ['jinhong-yinxiang', 'xiangdang-youwei', 'xinhui-chenpi'],
  },
];
