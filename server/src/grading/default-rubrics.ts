import { schema, type Db } from '@qiaodu/db';
import type { Post, RubricCriterionDraft } from '@qiaodu/shared';
import { insertVersion } from './rubric-repository';

interface DefaultRubric {
  name: string;
  criteria: (RubricCriterionDraft & { description: string })[];
}

/** 4/3/2/0: the levels most criteria use (优秀 / 良好 / 合格 / 未达到). */
function levels(excellent: string, good: string, pass: string, fail: string) {
  return [
    { points: 4, label: '优秀', descriptor: excellent },
    { points: 3, label: '良好', descriptor: good },
    { points: 2, label: '合格', descriptor: pass },
    { points: 0, label: '未达到', descriptor: fail },
  ];
}

const attitude = {
  name: '职业素养',
  description: '守时、着装与沟通，按岗位规范交接班',
  weight: 20,
  levels: levels('准时到岗，主动沟通，交接清楚', '准时到岗，交接基本清楚', '有小的迟到或交接遗漏', '迟到明显或未交接'),
};

/**
 * The rubrics a fresh school starts with, one per post, written with the teachers of the
 * e-commerce programme. Teachers edit them in 评分量表; these are only ever inserted when a
 * post has no default rubric, so an edited rubric is never overwritten.
 */
export const DEFAULT_RUBRICS: Record<Post, DefaultRubric> = {
  warehouse: {
    name: '仓管发货默认量表',
    criteria: [
      {
        name: '发货准确',
        description: '拣货与订单一致，无少件、错发',
        weight: 40,
        levels: levels('全部准确，主动复核', '准确，偶有需提醒的复核', '有 1 次少件/错发并及时补救', '多次少件/错发或未处理'),
      },
      {
        name: '发货时效',
        description: '付款后按时发货，当班订单当班处理',
        weight: 30,
        levels: levels('当班订单全部发出，时效优于要求', '基本按时发出', '部分订单延后但已交接', '积压未发且未交接'),
      },
      {
        name: '包装与单据',
        description: '包装牢固美观，面单与快递单号录入正确',
        weight: 15,
        levels: levels('包装规范且美观，单号无误', '包装规范，单号无误', '包装一般或单号需更正', '包装破损或单号错误'),
      },
      { ...attitude, weight: 15 },
    ],
  },
  customer_service: {
    name: '客服默认量表',
    criteria: [
      {
        name: '响应时效',
        description: '退款与咨询在规定时间内处理',
        weight: 30,
        levels: levels('全部及时处理', '大部分及时处理', '有延迟但已跟进', '长时间未处理'),
      },
      {
        name: '处理合规',
        description: '按退款规则判断，处理意见清楚',
        weight: 35,
        levels: levels('判断准确，意见清楚有依据', '判断准确，意见基本清楚', '个别判断需教师纠正', '多次违反规则'),
      },
      {
        name: '沟通礼仪',
        description: '用语礼貌、耐心，安抚顾客情绪',
        weight: 20,
        levels: levels('礼貌耐心，顾客满意', '礼貌规范', '用语生硬', '与顾客冲突'),
      },
      { ...attitude, weight: 15 },
    ],
  },
  store_ops: {
    name: '商城运营默认量表',
    criteria: [
      {
        name: '商品上架质量',
        description: '标题、规格、价格、详情完整准确',
        weight: 35,
        levels: levels('完整准确，一次审核通过', '基本完整，小修改后通过', '多次退回后通过', '信息错误或未完成'),
      },
      {
        name: '工作量',
        description: '当班完成的编辑与提交',
        weight: 25,
        levels: levels('超额完成', '完成计划', '完成大部分', '基本未完成'),
      },
      {
        name: '数据意识',
        description: '关注库存、销量并提出调整建议',
        weight: 20,
        levels: levels('主动分析并提出可行建议', '能说明主要数据', '了解部分数据', '不关注数据'),
      },
      { ...attitude, weight: 20 },
    ],
  },
  photo_design: {
    name: '美工设计默认量表',
    criteria: [
      {
        name: '图片质量',
        description: '清晰、光线与构图符合规范，突出非遗工艺细节',
        weight: 40,
        levels: levels('专业水准，可直接使用', '质量良好，少量修改', '可用但需较多修改', '不可使用'),
      },
      {
        name: '规范与效率',
        description: '尺寸、格式合规，按时交付',
        weight: 30,
        levels: levels('全部合规且提前交付', '合规按时', '部分返工', '未交付'),
      },
      {
        name: '创意表达',
        description: '视觉风格体现商品与合作企业特色',
        weight: 15,
        levels: levels('风格鲜明有亮点', '风格统一', '表达一般', '与商品不符'),
      },
      { ...attitude, weight: 15 },
    ],
  },
  copywriting: {
    name: '文案编导默认量表',
    criteria: [
      {
        name: '文案准确',
        description: '卖点、规格、工艺介绍准确，无违规用语',
        weight: 40,
        levels: levels('准确且有感染力', '准确', '有小错误需修改', '错误或含违规用语'),
      },
      {
        name: '表达与创意',
        description: '讲好非遗与产品故事',
        weight: 30,
        levels: levels('生动有创意', '通顺清楚', '平淡', '难以使用'),
      },
      {
        name: '交付效率',
        description: '按时提交，修改及时',
        weight: 15,
        levels: levels('提前交付', '按时交付', '延迟交付', '未交付'),
      },
      { ...attitude, weight: 15 },
    ],
  },
  live_host: {
    name: '直播主播默认量表',
    criteria: [
      {
        name: '带货成效',
        description: '直播成交订单与成交额',
        weight: 35,
        levels: levels('成交显著超出目标', '达到目标', '有成交未达目标', '无成交'),
      },
      {
        name: '讲解与控场',
        description: '产品讲解专业，节奏与互动良好',
        weight: 30,
        levels: levels('专业流畅，互动热烈', '讲解清楚，节奏稳定', '讲解一般，冷场较多', '无法完成直播'),
      },
      {
        name: '合规',
        description: '不夸大宣传，遵守广告法与平台规则',
        weight: 20,
        levels: levels('完全合规', '合规，偶有需提醒', '有 1 处不当表述', '违规'),
      },
      { ...attitude, weight: 15 },
    ],
  },
  live_ops: {
    name: '直播运营默认量表',
    criteria: [
      {
        name: '直播准备',
        description: '脚本、选品、设备与链接准备到位',
        weight: 30,
        levels: levels('准备充分无失误', '准备到位', '有遗漏但及时补救', '准备不足影响直播'),
      },
      {
        name: '场控与数据',
        description: '上下架、库存、订单与数据记录',
        weight: 35,
        levels: levels('全程准确并复盘', '准确', '有小失误', '失误影响成交'),
      },
      {
        name: '团队协作',
        description: '与主播、客服配合',
        weight: 20,
        levels: levels('配合默契', '配合良好', '配合一般', '配合差'),
      },
      { ...attitude, weight: 15 },
    ],
  },
  sourcing: {
    name: '选品跟单默认量表',
    criteria: [
      {
        name: '选品质量',
        description: '选品符合定位，资料齐全',
        weight: 35,
        levels: levels('选品精准，资料齐全', '选品合适', '资料不全', '选品不合适'),
      },
      {
        name: '跟单与到货',
        description: '与合作企业沟通进度，入库数量准确',
        weight: 35,
        levels: levels('进度清楚，入库准确', '跟进及时', '有延误', '未跟进'),
      },
      {
        name: '成本意识',
        description: '核对进价与毛利',
        weight: 15,
        levels: levels('主动核算并优化', '核算准确', '核算有误', '未核算'),
      },
      { ...attitude, weight: 15 },
    ],
  },
  video: {
    name: '视频制作默认量表',
    criteria: [
      {
        name: '画面与剪辑',
        description: '画面清晰稳定，剪辑节奏合适',
        weight: 35,
        levels: levels('专业水准', '质量良好', '可用需修改', '不可用'),
      },
      {
        name: '内容与脚本',
        description: '内容突出产品与工艺，信息准确',
        weight: 35,
        levels: levels('内容出彩', '内容完整准确', '内容平淡', '内容错误'),
      },
      {
        name: '交付',
        description: '按时交付，格式合规',
        weight: 15,
        levels: levels('提前交付', '按时交付', '延迟', '未交付'),
      },
      { ...attitude, weight: 15 },
    ],
  },
};

/**
 * Gives every post without a default rubric its default (seed and server start). Safe to run
 * from two processes at once: the insert of a post's default meets the one-default-per-post
 * unique index and does nothing when another process got there first, and its version is
 * written in the same transaction.
 */
export async function ensureDefaultRubrics(db: Db): Promise<number> {
  let created = 0;
  for (const [post, rubric] of Object.entries(DEFAULT_RUBRICS) as [Post, DefaultRubric][]) {
    await db.transaction(async (tx) => {
      const [template] = await tx
        .insert(schema.rubricTemplates)
        .values({ post, name: rubric.name, isDefault: true })
        .onConflictDoNothing()
        .returning({ id: schema.rubricTemplates.id });
      if (!template) return;
      await insertVersion(tx, template.id, 1, rubric.criteria, null);
      created += 1;
    });
  }
  return created;
}
