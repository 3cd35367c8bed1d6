import type { SeedCategory } from './types';
import { categoryIconUrl } from './urls';

/** Two levels: roots group the shelf, products hang on the children. */
export const CATEGORIES: readonly SeedCategory[] = [
  {
    slug: 'feiyi',
    name: '非遗好物',
    iconUrl: categoryIconUrl('feiyi'),
    position: 1,
    motif: 'carp',
    palette: ['#c0392b', '#e67e22', '#f9d56e'],
    children: [
      { slug: 'feiyi-liyu', name: '鲤鱼文创', iconUrl: categoryIconUrl('feiyi-liyu'), position: 1, motif: 'carp' },
      { slug: 'feiyi-dengcai', name: '灯彩灰塑', iconUrl: categoryIconUrl('feiyi-dengcai'), position: 2, motif: 'lantern' },
      { slug: 'feiyi-kuiyi', name: '葵艺编织', iconUrl: categoryIconUrl('feiyi-kuiyi'), position: 3, motif: 'fan' },
      { slug: 'feiyi-bimo', name: '笔墨书法', iconUrl: categoryIconUrl('feiyi-bimo'), position: 4, motif: 'brush' },
    ],
  },
  {
    slug: 'techan',
    name: '侨乡特产',
    iconUrl: categoryIconUrl('techan'),
    position: 2,
    motif: 'citrus',
    palette: ['#d35400', '#f39c12', '#fff3c4'],
    children: [
      { slug: 'techan-chenpi', name: '陈皮柑茶', iconUrl: categoryIconUrl('techan-chenpi'), position: 1, motif: 'citrus' },
      { slug: 'techan-liangyou', name: '米面干货', iconUrl: categoryIconUrl('techan-liangyou'), position: 2, motif: 'rice' },
      { slug: 'techan-cha', name: '茶叶冲饮', iconUrl: categoryIconUrl('techan-cha'), position: 3, motif: 'cup' },
    ],
  },
  {
    slug: 'meishi',
    name: '粤菜美食',
    iconUrl: categoryIconUrl('meishi'),
    position: 3,
    motif: 'bowl',
    palette: ['#8e4b2b', '#d98b3a', '#ffe0b2'],
    children: [
      { slug: 'meishi-gaodian', name: '手工糕点', iconUrl: categoryIconUrl('meishi-gaodian'), position: 1, motif: 'bowl' },
      { slug: 'meishi-lawei', name: '腊味熟食', iconUrl: categoryIconUrl('meishi-lawei'), position: 2, motif: 'chef' },
      { slug: 'meishi-jiangliao', name: '酱料调味', iconUrl: categoryIconUrl('meishi-jiangliao'), position: 3, motif: 'jar' },
    ],
  },
  {
    slug: 'zuopin',
    name: '学生作品',
    iconUrl: categoryIconUrl('zuopin'),
    position: 4,
    motif: 'cube',
    palette: ['#2c3e91', '#6c5ce7', '#a8e6ff'],
    children: [
      { slug: 'zuopin-3d', name: '3D 打印', iconUrl: categoryIconUrl('zuopin-3d'), position: 1, motif: 'cube' },
      { slug: 'zuopin-wenchuang', name: '设计文创', iconUrl: categoryIconUrl('zuopin-wenchuang'), position: 2, motif: 'bag' },
      { slug: 'zuopin-wenju', name: '明信片文具', iconUrl: categoryIconUrl('zuopin-wenju'), position: 3, motif: 'card' },
    ],
  },
  {
    slug: 'riyong',
    name: '家居日用',
    iconUrl: categoryIconUrl('riyong'),
    position: 5,
    motif: 'box',
    palette: ['#138d75', '#48c9b0', '#d5f5e3'],
    children: [
      { slug: 'riyong-shouna', name: '收纳整理', iconUrl: categoryIconUrl('riyong-shouna'), position: 1, motif: 'box' },
      { slug: 'riyong-chufang', name: '厨房餐具', iconUrl: categoryIconUrl('riyong-chufang'), position: 2, motif: 'bowl' },
    ],
  },
  {
    slug: 'baozhuang',
    name: '包装耗材',
    iconUrl: categoryIconUrl('baozhuang'),
    position: 6,
    motif: 'foam',
    palette: ['#34495e', '#5d8aa8', '#d6eaf8'],
    children: [
      { slug: 'baozhuang-fangzhen', name: '防震包装', iconUrl: categoryIconUrl('baozhuang-fangzhen'), position: 1, motif: 'foam' },
      { slug: 'baozhuang-baowen', name: '保温寄递', iconUrl: categoryIconUrl('baozhuang-baowen'), position: 2, motif: 'box' },
    ],
  },
];
