import type { SeedHeritage } from '../types';

/**
 * Provenance of the heritage goods. The crafts, their listing levels and regions are real;
 * the inheritors' names are invented for the demo.
 */
export const SHENGGONG_LIYU: SeedHeritage = {
  level: 'city',
  craft: '生恭鲤鱼制作技艺',
  inheritor: '梁锦荣',
  region: '蓬江区',
  story:
    '五邑民间有“鲤鱼屈屈尾，主人好生理”的说法，“鲤”与“理”同音，讨的是生意兴隆、年年有余的好意头。' +
    '生恭鲤鱼以竹篾扎出鱼骨，糊上纱绢，再手绘鳞片和鱼鳍，是江门市级非物质文化遗产。' +
    '2022 年起，传承人与江门一职新媒体产业学院合作，3D 打印、美术设计和市场营销专业的学生一起做造型复刻、文创设计和直播推广，生恭鲤鱼也成为侨都职教商城上架的第一件非遗作品。',
};

export const XINHUI_KUIYI: SeedHeritage = {
  level: 'national',
  craft: '新会葵艺',
  inheritor: '陈玉贞',
  region: '新会区',
  story:
    '新会是“葵乡”，蒲葵叶经选叶、晒白、剪裁、缝边、火烙画或编织，做成葵扇、葵篮、葵帽等日用品。' +
    '新会葵艺列入国家级非物质文化遗产名录，曾随侨胞远销南洋和美洲。传习坊的老艺人坚持手工制作，' +
    '每件作品都略有不同，这正是手作的味道。',
};

export const MAOLONGBI: SeedHeritage = {
  level: 'national',
  craft: '白沙茅龙笔制作技艺',
  inheritor: '李伯源',
  region: '蓬江区',
  story:
    '明代思想家、书法家陈白沙在江门白沙村讲学时，就地取白茅束扎成笔，世称“茅龙笔”，写出的字苍劲飞白，自成一体。' +
    '茅龙笔制作技艺列入国家级非物质文化遗产名录，需经采茅、浸泡、捶打、梳理、扎锋、装杆等十余道工序，全凭手上功夫。',
};

export const KAIPING_HUISU: SeedHeritage = {
  level: 'provincial',
  craft: '开平灰塑',
  inheritor: '关振华',
  region: '开平市',
  story:
    '灰塑是岭南建筑屋脊、山墙上的彩色浮雕，以石灰为主料，掺入稻草、纸筋，以铁线扎骨，一层层堆塑成形，最后用矿物颜料上彩。' +
    '开平灰塑列入广东省非物质文化遗产名录，碉楼、祠堂和骑楼上随处可见。',
};

export const XINHUI_CHENPI: SeedHeritage = {
  level: 'national',
  craft: '新会陈皮炮制技艺',
  inheritor: '黄德明',
  region: '新会区',
  story:
    '新会陈皮炮制技艺于 2021 年列入国家级非物质文化遗产代表性项目名录（中药炮制技艺）。' +
    '道地新会柑按时节分批采收，手工三瓣开皮，反皮晒干后入仓自然陈化，年份越久，香气越醇。' +
    '老新会人煲汤、做菜、泡茶都少不了它，“一两陈皮一两金”说的就是它的身价。',
};

export const TAISHAN_BAIYUN_CHA: SeedHeritage = {
  level: 'county',
  craft: '台山白云茶制作技艺',
  inheritor: '伍国强',
  region: '台山市',
  story:
    '台山白云茶制作技艺列入台山市级非物质文化遗产名录。茶园在山间云雾里，春茶一芽一二叶手工采摘，' +
    '经摊青、杀青、揉捻、炒干制成，条索紧结，汤色清亮，带着山野的兰花香。',
};
