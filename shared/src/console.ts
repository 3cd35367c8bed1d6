import { z } from 'zod';
import { PostSchema, RoleSchema, UserStatusSchema } from './accounts';
import { HERITAGE_LEVELS, JIANGMEN_REGIONS, PARTNER_KINDS } from './enums';
import { DISPLAY_NAME_MAX, SEARCH_TEXT_MAX } from './limits';
import { MainlandMobile, organisationName, personName } from './people';
import { Id, PlainText, textRule, Timestamp } from './primitives';
import { lengthProblem, slugProblem } from './text-rules';

export const Slug = textRule(slugProblem, { missing: '请填写英文标识', trim: false });

const boundedText = (label: string, min: number, max: number) =>
  textRule((text) => lengthProblem(text, label, min, max), { missing: `请填写${label}` });

export const TeamParams = z.object({ teamId: Id });
export const TeamMemberParams = z.object({ teamId: Id, userId: Id });
export const PersonParams = z.object({ userId: Id });
export const PartnerParams = z.object({ partnerId: Id });

const PartnerRef = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(PARTNER_KINDS) });

export const ConsoleTeamSummary = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  memberCount: z.number().int(),
  leadNames: z.array(z.string()),
  supervisorNames: z.array(z.string()),
  partners: z.array(PartnerRef),
});
export type ConsoleTeamSummary = z.infer<typeof ConsoleTeamSummary>;
export const ConsoleTeamList = z.object({ items: z.array(ConsoleTeamSummary) });

export const TeamMember = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  /** Full for teachers and admins, masked (138****5678) for students, null when unknown. */
  phone: z.string().nullable(),
  post: PostSchema,
  isLead: z.boolean(),
  joinedAt: Timestamp,
});
export type TeamMember = z.infer<typeof TeamMember>;

export const ConsoleTeamDetail = ConsoleTeamSummary.extend({
  members: z.array(TeamMember),
  supervisors: z.array(z.object({ userId: z.number().int(), displayName: z.string() })),
  /** What the caller may change here, so the console shows only working buttons. */
  can: z.object({
    edit: z.boolean(),
    manageMembers: z.boolean(),
    manageSupervisors: z.boolean(),
    /** Products, stock, costs and the ledger (members, supervising teachers, admins). */
    viewOperations: z.boolean(),
  }),
});
export type ConsoleTeamDetail = z.infer<typeof ConsoleTeamDetail>;

const teamFields = {
  slug: Slug,
  name: organisationName('团队名称', 2, 30),
  description: boundedText('团队介绍', 0, 500),
  partnerIds: z.array(Id).max(50, { error: '最多关联 50 个合作伙伴' }),
};
export const TeamInput = z.strictObject({
  ...teamFields,
  description: teamFields.description.default(''),
  partnerIds: teamFields.partnerIds.default([]),
});
/** No defaults here: a field left out of an update keeps its value (zod fills defaults even in partial()). */
export const TeamUpdate = z.strictObject(teamFields).partial();

export const TeamMemberInput = z.strictObject({ post: PostSchema, isLead: z.boolean().default(false) });

export const PeopleQuery = z.strictObject({
  q: PlainText.pipe(z.string().max(SEARCH_TEXT_MAX, { error: `搜索词最多 ${SEARCH_TEXT_MAX} 个字` })).optional(),
  role: RoleSchema.optional(),
  page: z.coerce.number({ error: '页码必须是正整数' }).int({ error: '页码必须是正整数' }).min(1).max(10_000).default(1),
  pageSize: z.coerce.number({ error: '每页数量不正确' }).int().min(1).max(50, { error: '每页最多 50 条' }).default(20),
});

export const Person = z.object({
  id: z.number().int(),
  displayName: z.string(),
  phone: z.string().nullable(),
  roles: z.array(RoleSchema),
  status: UserStatusSchema,
  partner: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  teams: z.array(z.object({ id: z.number().int(), name: z.string(), post: PostSchema, isLead: z.boolean() })),
  createdAt: Timestamp,
  lastLoginAt: Timestamp.nullable(),
});
export type Person = z.infer<typeof Person>;
export const PeopleList = z.object({
  items: z.array(Person),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const PersonUpdate = z.strictObject({
  displayName: personName(DISPLAY_NAME_MAX).optional(),
  roles: z
    .array(RoleSchema)
    .min(1, { error: '至少保留一个角色' })
    .refine((roles) => new Set(roles).size === roles.length, { error: '角色不能重复' })
    .optional(),
  status: z.enum(['active', 'disabled'], { error: '状态只能是正常或停用' }).optional(),
  partnerId: Id.nullable().optional(),
});

export const ConsolePartner = z.object({
  id: z.number().int(),
  slug: z.string(),
  kind: z.enum(PARTNER_KINDS),
  name: z.string(),
  region: z.string(),
  intro: z.string(),
  story: z.string(),
  heritageLevel: z.enum(HERITAGE_LEVELS).nullable(),
  craft: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  productCount: z.number().int(),
  mentorCount: z.number().int(),
});
export type ConsolePartner = z.infer<typeof ConsolePartner>;
export const ConsolePartnerList = z.object({ items: z.array(ConsolePartner) });

export const PartnerInput = z
  .strictObject({
    slug: Slug,
    kind: z.enum(PARTNER_KINDS, { error: '类型不正确' }),
    name: organisationName('名称', 2, 40),
    region: z.enum(JIANGMEN_REGIONS, { error: '请选择江门的区县' }),
    intro: boundedText('简介', 0, 200).default(''),
    story: boundedText('故事', 0, 2000).default(''),
    heritageLevel: z.enum(HERITAGE_LEVELS, { error: '非遗级别不正确' }).nullable().default(null),
    craft: boundedText('技艺名称', 1, 40).nullable().default(null),
    contactName: z.union([z.literal(''), personName(DISPLAY_NAME_MAX)]).default(''),
    contactPhone: z.union([z.literal(''), MainlandMobile]).default(''),
  })
  // Heritage goods need provenance; each missing field is reported on itself, so a form marks it.
  .superRefine((p, ctx) => {
    if (p.kind !== 'heritage') return;
    if (p.heritageLevel === null) ctx.addIssue({ code: 'custom', message: '非遗传承人需要选择非遗级别', path: ['heritageLevel'] });
    if (p.craft === null) ctx.addIssue({ code: 'custom', message: '非遗传承人需要填写技艺名称', path: ['craft'] });
  });
export const PartnerUpdate = z.strictObject({
  name: organisationName('名称', 2, 40).optional(),
  region: z.enum(JIANGMEN_REGIONS, { error: '请选择江门的区县' }).optional(),
  intro: boundedText('简介', 0, 200).optional(),
  story: boundedText('故事', 0, 2000).optional(),
  heritageLevel: z.enum(HERITAGE_LEVELS, { error: '非遗级别不正确' }).nullable().optional(),
  craft: boundedText('技艺名称', 1, 40).nullable().optional(),
  contactName: z.union([z.literal(''), personName(DISPLAY_NAME_MAX)]).optional(),
  contactPhone: z.union([z.literal(''), MainlandMobile]).optional(),
});
