import type { SeedPartner } from './types';
import { partnerLogoUrl } from './urls';

/**
 * Partners of the demo shop. Crafts, places and companies are the real ones named in the
 * group's reports and in Jiangmen's heritage lists; people's names and phone numbers are invented.
 */
export const PARTNERS: readonly SeedPartner[] = [
  {
    slug: 'shenggong-liyu',
    kind: 'heritage',
    name: '生恭鲤鱼非遗工作室',
    region: '蓬江区',
    intro: '市级非遗“生恭鲤鱼”，侨都职教商城首批上架的非遗手作。',
    story:
      '“鲤鱼屈屈尾，主人好生理”，五邑人讨“好生鲤”的彩头由来已久。生恭鲤鱼以竹篾扎骨、纱绢糊面、手绘鳞彩，' +
      '寓意年年有余、生意兴隆，列入江门市级非物质文化遗产名录。工作室与江门一职新媒体产业学院合作，' +
      '由 3D 打印、美术设计、市场营销等专业的学生参与造型复刻、文创设计和直播推广，让老手艺走进年轻人的生活。',
    heritageLevel: 'city',
    craft: '生恭鲤鱼制作技艺',
    contactName: '梁师傅',
    contactPhone: '13807501018',
    logoUrl: partnerLogoUrl('shenggong-liyu'),
    logo: { motif: 'carp', label: '生恭鲤鱼' },
  },
  {
    slug: 'xinhui-kuiyi',
    kind: 'heritage',
    name: '新会葵艺传习坊',
    region: '新会区',
    intro: '国家级非遗新会葵艺，一把葵扇扇出侨乡几百年的清凉。',
    story:
      '新会种葵制扇的历史可追溯到东晋，葵扇、葵篮、葵帽曾随华侨远销南洋和美洲。传习坊坚持选葵、晒葵、' +
      '漂白、剪裁、火烙画、编织的古法工序，老艺人带着年轻学徒做日用小件，也和学生设计团队合作开发新图案。',
    heritageLevel: 'national',
    craft: '新会葵艺',
    contactName: '陈姨',
    contactPhone: '13907502036',
    logoUrl: partnerLogoUrl('xinhui-kuiyi'),
    logo: { motif: 'fan', label: '新会葵艺' },
  },
  {
    slug: 'xinhui-chenpi',
    kind: 'heritage',
    name: '新会柑乡陈皮工坊',
    region: '新会区',
    intro: '国家级非遗新会陈皮炮制技艺，道地新会柑，三瓣开皮，自然陈化。',
    story:
      '新会陈皮素有“百年陈皮，千年人参”之说。工坊的新会柑采自银洲湖畔的自家柑园，按时节分批采收，' +
      '手工三瓣开皮、反皮晒制，再入仓自然陈化。每一批都记录采收年份和仓储位置，直播间里学生主播会开仓讲解年份的差别。',
    heritageLevel: 'national',
    craft: '新会陈皮炮制技艺',
    contactName: '黄先生',
    contactPhone: '13650751123',
    logoUrl: partnerLogoUrl('xinhui-chenpi'),
    logo: { motif: 'citrus', label: '柑乡陈皮' },
  },
  {
    slug: 'baisha-maolongbi',
    kind: 'heritage',
    name: '白沙茅龙笔制作坊',
    region: '蓬江区',
    intro: '国家级非遗茅龙笔制作技艺，陈白沙束茅为笔的五百年传承。',
    story:
      '明代大儒陈白沙隐居江门白沙村时，取圭峰山白茅束扎成笔，写出苍劲飞白的“茅龙体”。' +
      '制作坊沿用采茅、浸泡、捶打、梳理、扎锋、装杆等十余道工序，每支笔都由师傅亲手试写后才出坊。',
    heritageLevel: 'national',
    craft: '白沙茅龙笔制作技艺',
    contactName: '李师傅',
    contactPhone: '13729501047',
    logoUrl: partnerLogoUrl('baisha-maolongbi'),
    logo: { motif: 'brush', label: '茅龙笔' },
  },
  {
    slug: 'kaiping-huisu',
    kind: 'heritage',
    name: '开平灰塑工作室',
    region: '开平市',
    intro: '省级非遗开平灰塑，碉楼和祠堂屋脊上的立体彩塑。',
    story:
      '开平碉楼、祠堂的山墙与屋脊上常见色彩浓烈的灰塑，以石灰、稻草、纸筋调灰，铁线扎骨，层层堆塑后再上彩。' +
      '工作室把屋脊上的瑞兽、花鸟缩成可挂在家里的小件，让碉楼之外的人也能收藏一块侨乡的手艺。',
    heritageLevel: 'provincial',
    craft: '开平灰塑',
    contactName: '关师傅',
    contactPhone: '13502671059',
    logoUrl: partnerLogoUrl('kaiping-huisu'),
    logo: { motif: 'plaque', label: '开平灰塑' },
  },
  {
    slug: 'taishan-baiyun-cha',
    kind: 'heritage',
    name: '台山白云茶园',
    region: '台山市',
    intro: '台山市级非遗白云茶制作技艺，云雾山间的手工绿茶。',
    story:
      '白云茶产自台山的山区茶园，云雾多，茶芽肥壮。茶园延续手工杀青、揉捻、炒干的老做法，' +
      '制茶技艺列入台山市级非物质文化遗产名录。学生选品团队驻园拍摄采茶、炒茶全过程，做成了商城里的溯源视频。',
    heritageLevel: 'county',
    craft: '台山白云茶制作技艺',
    contactName: '伍先生',
    contactPhone: '13822301065',
    logoUrl: partnerLogoUrl('taishan-baiyun-cha'),
    logo: { motif: 'cup', label: '白云茶' },
  },
  {
    slug: 'xiangdang-youwei',
    kind: 'enterprise',
    name: '湘当有味',
    region: '蓬江区',
    intro: '江门本地湘菜连锁，门店学徒制校企合作企业。',
    story:
      '湘当有味与江门一职、江门正泰合作开设门店学徒制专项班：学生第四、五学期进店轮岗，第六学期顶岗实习，' +
      '由企业师傅带教、绩效考核。商城上架的是门店后厨每天都在用的自制酱料和腊味，由学生运营团队负责选品和发货。',
    heritageLevel: null,
    craft: null,
    contactName: '周经理',
    contactPhone: '13690711072',
    logoUrl: partnerLogoUrl('xiangdang-youwei'),
    logo: { motif: 'jar', label: '湘当有味' },
  },
  {
    slug: 'jinhong-yinxiang',
    kind: 'enterprise',
    name: '金鸿印象·粤菜师傅实训厨房',
    region: '蓬江区',
    intro: '市级粤菜师傅大师工作室共建企业，集产品产销、技能培训、产品研发于一体。',
    story:
      '2020 年金鸿印象与学校签订共建实训平台协议，2021 年粤菜师傅大师工作室揭牌投入使用。' +
      '厨房由企业大厨和烹饪专业老师共同带班，学生在真实出品中练刀工、火候和点心手艺，' +
      '合格的出品经品控后通过侨都职教商城销售，收入用于实训耗材和学生劳动报酬。',
    heritageLevel: null,
    craft: null,
    contactName: '何师傅',
    contactPhone: '13927061083',
    logoUrl: partnerLogoUrl('jinhong-yinxiang'),
    logo: { motif: 'chef', label: '金鸿印象' },
  },
  {
    slug: 'jingji-suojiao',
    kind: 'enterprise',
    name: '江门敬记塑胶有限公司',
    region: '江海区',
    intro: '职教集团成员企业，与学校联合开设六届校企人才培养专项班。',
    story:
      '敬记塑胶自 2013 年起与江门一职联合培养模具、数控、室内设计等专业的产业人才，累计近三百人。' +
      '商城销售的是敬记自有模具生产的食品级 PP 家居日用品，学生参与了包装设计和详情页拍摄。',
    heritageLevel: null,
    craft: null,
    contactName: '吴主管',
    contactPhone: '13620381094',
    logoUrl: partnerLogoUrl('jingji-suojiao'),
    logo: { motif: 'box', label: '敬记' },
  },
  {
    slug: 'xinxi-fapao',
    kind: 'enterprise',
    name: '江门市蓬江区新希发泡材料设备厂',
    region: '蓬江区',
    intro: '发泡材料与设备厂家，与学校合作研发“发泡枪”。',
    story:
      '新希发泡与江门一职师生合作完成“发泡枪”研发项目。工厂生产的珍珠棉和泡沫保温箱也是商城自己发货用的包装材料，' +
      '现在开放给本地小商户和同学们的网店采购，天天市集仓管岗的学生负责分装和配送。',
    heritageLevel: null,
    craft: null,
    contactName: '冯厂长',
    contactPhone: '13431701105',
    logoUrl: partnerLogoUrl('xinxi-fapao'),
    logo: { motif: 'foam', label: '新希发泡' },
  },
  {
    slug: 'yizhi-3d-studio',
    kind: 'student_studio',
    name: '江门一职 3D 打印创客工作室',
    region: '蓬江区',
    intro: '模具、数控专业学生的 3D 建模与打印作品。',
    story:
      '工作室由模具制造技术和数控技术应用专业的学生组成，校内导师指导建模，企业导师把关打印工艺。' +
      '生恭鲤鱼摆件的三维建模和打样就出自这里；同学们还把开平碉楼、醒狮等侨乡符号做成了可以放在书桌上的小物件。',
    heritageLevel: null,
    craft: null,
    contactName: '谭老师',
    contactPhone: '13580401116',
    logoUrl: partnerLogoUrl('yizhi-3d-studio'),
    logo: { motif: 'cube', label: '3D创客' },
  },
  {
    slug: 'yizhi-design-studio',
    kind: 'student_studio',
    name: '江门一职平面设计工作室',
    region: '蓬江区',
    intro: '平面与广告设计专业学生的侨乡主题文创。',
    story:
      '工作室的同学走访赤坎古镇、小鸟天堂和开平碉楼写生，把侨批、骑楼、碉楼画进明信片、帆布袋和台历。' +
      '从选题、手绘、排版到打样，都由学生完成，作品在商城销售，所得计入学生劳动报酬。',
    heritageLevel: null,
    craft: null,
    contactName: '区老师',
    contactPhone: '13715201127',
    logoUrl: partnerLogoUrl('yizhi-design-studio'),
    logo: { motif: 'card', label: '设计工作室' },
  },
  {
    slug: 'tiantian-shiji',
    kind: 'student_studio',
    name: '天天市集助农选品中心',
    region: '蓬江区',
    intro: '校内产教融合实践中心，学生到五邑乡村选品，做农村电商。',
    story:
      '天天市集是学校利用体育馆和停车场空间打造的实践中心，面向社会营业。农村电商、供应链选品和财税管理方向的学生' +
      '轮训运营：下乡看产地、谈采购、做品控，再负责上架、客服和仓管发货，把台山、恩平、鹤山的好物带进城。',
    heritageLevel: null,
    craft: null,
    contactName: '容老师',
    contactPhone: '13672901138',
    logoUrl: partnerLogoUrl('tiantian-shiji'),
    logo: { motif: 'shop', label: '天天市集' },
  },
];
