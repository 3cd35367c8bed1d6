import type { SeedProduct } from '../types';
import { img, spec, specs } from './helpers';

/** 家居日用 and 包装耗材: goods of the partner factories 敬记塑胶 and 新希发泡. */
export const RIYONG_PRODUCTS: readonly SeedProduct[] = [
  {
    slug: 'jingji-diejia-shounaxiang',
    title: '敬记 可叠加翻盖收纳箱',
    subtitle: '食品级 PP，双开翻盖，宿舍衣柜都能放',
    categorySlug: 'riyong-shouna',
    partnerSlug: 'jingji-suojiao',
    teamSlug: 'tiantian-yunying-1',
    status: 'on_sale',
    publishedDaysAgo: 13,
    heritage: null,
    art: { motif: 'box', label: '翻盖收纳箱' },
    images: [
      img('jingji-diejia-shounaxiang', 1, '可叠加翻盖收纳箱'),
      img('jingji-diejia-shounaxiang', 2, '叠放效果', '叠放'),
      img('jingji-diejia-shounaxiang', 3, '尺寸示意', '尺寸'),
    ],
    description: [
      { type: 'heading', text: '江门本地工厂直供' },
      {
        type: 'text',
        text: '敬记塑胶自有模具注塑生产，箱体加厚，底部防滑脚，满载可叠放四层。盖子从中间双向翻开，叠起来也能直接取放东西。',
      },
      { type: 'image', url: '/media/seed/product-jingji-diejia-shounaxiang-3.svg', alt: '尺寸示意' },
      { type: 'heading', text: '尺寸' },
      { type: 'text', text: '中号 45 × 32 × 25 厘米，约 30 升；大号 55 × 38 × 30 厘米，约 50 升。新生入学季，天天市集可预约送到宿舍楼下。' },
    ],
    skus: [
      { code: 'JJSJ-SNX-M-WHT', specs: specs(['尺寸', '中号 30L'], ['颜色', '雾白']), priceFen: 3990, originalPriceFen: 4990, stock: 85, sales: 243 },
      { code: 'JJSJ-SNX-M-GRY', specs: specs(['尺寸', '中号 30L'], ['颜色', '浅灰']), priceFen: 3990, originalPriceFen: 4990, stock: 70, sales: 198 },
      { code: 'JJSJ-SNX-L-WHT', specs: specs(['尺寸', '大号 50L'], ['颜色', '雾白']), priceFen: 5490, originalPriceFen: 6490, stock: 44, sales: 167 },
      { code: 'JJSJ-SNX-L-GRY', specs: specs(['尺寸', '大号 50L'], ['颜色', '浅灰']), priceFen: 5490, originalPriceFen: 6490, stock: 39, sales: 151 },
    ],
  },
  {
    slug: 'jingji-baoxianhe-sanjiantao',
    title: '敬记 食品级PP保鲜盒 三件套',
    subtitle: '可微波、可冷冻，四边卡扣密封',
    categorySlug: 'riyong-chufang',
    partnerSlug: 'jingji-suojiao',
    teamSlug: 'tiantian-yunying-1',
    status: 'on_sale',
    publishedDaysAgo: 20,
    heritage: null,
    art: { motif: 'box', label: '保鲜盒三件套' },
    images: [img('jingji-baoxianhe-sanjiantao', 1, '保鲜盒三件套'), img('jingji-baoxianhe-sanjiantao', 2, '四边卡扣', '细节')],
    description: [
      { type: 'heading', text: '带饭、备菜、装陈皮' },
      {
        type: 'text',
        text: '三件套容量为 450、800、1200 毫升，盒身耐温 -20 至 120 度，可进微波炉加热（请打开盖子上的排气阀）。四边卡扣加硅胶圈密封，装汤也不漏。',
      },
      { type: 'heading', text: '质检' },
      { type: 'text', text: '每批出厂附食品接触材料检测报告，商城详情页可查看最新一期报告。' },
    ],
    skus: [
      { code: 'JJSJ-BXH-3-BLU', specs: specs(['颜色', '湖蓝盖']), priceFen: 2990, originalPriceFen: 3990, stock: 100, sales: 376 },
      { code: 'JJSJ-BXH-3-GRN', specs: specs(['颜色', '抹茶绿盖']), priceFen: 2990, originalPriceFen: 3990, stock: 90, sales: 301 },
    ],
  },
  {
    slug: 'jingji-ertong-fengecanpan',
    title: '敬记 儿童分格餐盘',
    subtitle: '三格分装，带吸盘底座，不易打翻',
    categorySlug: 'riyong-chufang',
    partnerSlug: 'jingji-suojiao',
    teamSlug: 'tiantian-yunying-1',
    status: 'on_sale',
    publishedDaysAgo: 38,
    heritage: null,
    art: { motif: 'bowl', label: '儿童餐盘' },
    images: [img('jingji-ertong-fengecanpan', 1, '儿童分格餐盘')],
    description: [
      { type: 'heading', text: '小朋友自己吃饭' },
      {
        type: 'text',
        text: '一大两小三个分格，圆角设计方便小勺舀起饭菜；底部硅胶吸盘能吸在光滑桌面上。食品级 PP 材质，可用洗碗机清洗。包装盒上的小鲤鱼图案由设计工作室的同学绘制。',
      },
    ],
    skus: [
      { code: 'JJSJ-CP-PINK', specs: specs(['颜色', '樱花粉']), priceFen: 2590, originalPriceFen: null, stock: 42, sales: 88 },
      { code: 'JJSJ-CP-BLUE', specs: specs(['颜色', '天空蓝']), priceFen: 2590, originalPriceFen: null, stock: 51, sales: 93 },
    ],
  },
  {
    slug: 'xinxi-epe-zhenzhumian',
    title: '新希 EPE珍珠棉 防震包装卷',
    subtitle: '网店发货、搬家打包，轻便防震',
    categorySlug: 'baozhuang-fangzhen',
    partnerSlug: 'xinxi-fapao',
    teamSlug: 'tiantian-yunying-1',
    status: 'on_sale',
    publishedDaysAgo: 45,
    heritage: null,
    art: { motif: 'foam', label: '珍珠棉卷' },
    images: [
      img('xinxi-epe-zhenzhumian', 1, 'EPE珍珠棉 防震包装卷'),
      img('xinxi-epe-zhenzhumian', 2, '包裹陶瓷杯示意', '用法'),
    ],
    description: [
      { type: 'heading', text: '商城自己也在用' },
      {
        type: 'text',
        text: '侨都职教商城的鲤鱼灯、灰塑和茶叶礼盒都用这款珍珠棉打包。闭孔发泡，回弹好，防潮不掉屑，可用美工刀随意裁切。',
      },
      { type: 'heading', text: '规格' },
      { type: 'text', text: '幅宽 50 厘米。2 毫米厚适合包裹日用品，5 毫米厚适合瓷器、玻璃和工艺品。' },
    ],
    skus: [
      { code: 'XXFP-EPE-2MM', specs: spec('2mm 厚 50cm × 50m'), priceFen: 3200, originalPriceFen: null, stock: 60, sales: 125 },
      { code: 'XXFP-EPE-5MM', specs: spec('5mm 厚 50cm × 20m'), priceFen: 3800, originalPriceFen: null, stock: 45, sales: 87 },
    ],
  },
  {
    slug: 'xinxi-paomo-baowenxiang',
    title: '新希 泡沫保温箱',
    subtitle: '生鲜、腊味、糕点冷链寄递，配冰袋',
    categorySlug: 'baozhuang-baowen',
    partnerSlug: 'xinxi-fapao',
    teamSlug: 'tiantian-yunying-1',
    status: 'on_sale',
    publishedDaysAgo: 52,
    heritage: null,
    art: { motif: 'box', label: '泡沫保温箱' },
    images: [img('xinxi-paomo-baowenxiang', 1, '泡沫保温箱'), img('xinxi-paomo-baowenxiang', 2, '箱壁厚度', '细节')],
    description: [
      { type: 'heading', text: '冷链发货的基本功' },
      {
        type: 'text',
        text: '粤菜美食组发腊肠、裹蒸粽用的就是这款箱子。箱壁 2.5 厘米厚，配两个 400 毫升冰袋，夏季可保冷 24 小时左右。',
      },
      { type: 'heading', text: '规格' },
      { type: 'text', text: '小号内径 30 × 20 × 18 厘米，10 个一捆；大号内径 40 × 30 × 25 厘米，5 个一捆。' },
    ],
    skus: [
      { code: 'XXFP-BWX-S10', specs: specs(['规格', '小号 10个一捆']), priceFen: 5500, originalPriceFen: null, stock: 26, sales: 58 },
      { code: 'XXFP-BWX-L5', specs: specs(['规格', '大号 5个一捆']), priceFen: 6000, originalPriceFen: null, stock: 8, sales: 34 },
    ],
  },
];
