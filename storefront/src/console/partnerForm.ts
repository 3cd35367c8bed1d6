import { DISPLAY_NAME_MAX, JIANGMEN_REGIONS } from '@qiaodu/shared';
import type { ConsolePartner, HeritageLevel, PartnerKind } from '@qiaodu/shared';
import type { PartnerInput, PartnerUpdate } from '../api/console';
import type { FieldErrors } from '../api/fieldErrors';
import { mobileProblem, personNameProblem } from '@qiaodu/shared';
import { lengthProblem, organisationNameProblem, slugProblem } from '@qiaodu/shared';

export type JiangmenRegion = (typeof JIANGMEN_REGIONS)[number];

export function isJiangmenRegion(value: string): value is JiangmenRegion {
  return (JIANGMEN_REGIONS as readonly string[]).includes(value);
}

export interface PartnerFormValues {
  slug: string;
  kind: PartnerKind;
  name: string;
  region: JiangmenRegion | null;
  heritageLevel: HeritageLevel | null;
  craft: string;
  intro: string;
  story: string;
  contactName: string;
  contactPhone: string;
}

export function emptyPartnerForm(): PartnerFormValues {
  return {
    slug: '',
    kind: 'enterprise',
    name: '',
    region: null,
    heritageLevel: null,
    craft: '',
    intro: '',
    story: '',
    contactName: '',
    contactPhone: '',
  };
}

export function partnerFormOf(partner: ConsolePartner): PartnerFormValues {
  return {
    slug: partner.slug,
    kind: partner.kind,
    name: partner.name,
    region: isJiangmenRegion(partner.region) ? partner.region : null,
    heritageLevel: partner.heritageLevel,
    craft: partner.craft ?? '',
    intro: partner.intro,
    story: partner.story,
    contactName: partner.contactName,
    contactPhone: partner.contactPhone,
  };
}

/**
 * The checks of PartnerInput (shared/src/console.ts) before the round trip. Heritage partners
 * need provenance: the level and the craft.
 */
export function partnerFormProblems(values: PartnerFormValues, creating: boolean): FieldErrors {
  const problems: Record<string, string | null> = {
    slug: creating ? slugProblem(values.slug) : null,
    name: organisationNameProblem(values.name, '名称', 2, 40),
    region: values.region ? null : '请选择江门的区县',
    intro: lengthProblem(values.intro, '简介', 0, 200),
    story: lengthProblem(values.story, '故事', 0, 2000),
    contactName: values.contactName.trim() ? personNameProblem(values.contactName, DISPLAY_NAME_MAX) : null,
    contactPhone: values.contactPhone ? mobileProblem(values.contactPhone) : null,
  };
  if (values.kind === 'heritage') {
    problems.heritageLevel = values.heritageLevel ? null : '非遗传承人需要选择非遗级别';
    problems.craft = lengthProblem(values.craft, '技艺名称', 1, 40);
  }
  return Object.fromEntries(Object.entries(problems).filter((entry): entry is [string, string] => entry[1] !== null));
}

/** Level and craft belong to heritage partners only. */
function provenance(values: PartnerFormValues): { heritageLevel: HeritageLevel | null; craft: string | null } {
  if (values.kind !== 'heritage') return { heritageLevel: null, craft: null };
  return { heritageLevel: values.heritageLevel, craft: values.craft.trim() || null };
}

function editable(values: PartnerFormValues) {
  return {
    name: values.name.trim(),
    intro: values.intro.trim(),
    story: values.story.trim(),
    contactName: values.contactName.trim(),
    contactPhone: values.contactPhone.trim(),
    ...provenance(values),
  };
}

/** Called after partnerFormProblems found nothing, so the region is chosen. */
function chosenRegion(values: PartnerFormValues): JiangmenRegion {
  if (!values.region) throw new Error('partner region is checked before saving');
  return values.region;
}

export function toPartnerInput(values: PartnerFormValues): PartnerInput {
  return { slug: values.slug, kind: values.kind, region: chosenRegion(values), ...editable(values) };
}

/** Slug and kind stay as created: links and the partner's products depend on them. */
export function toPartnerUpdate(values: PartnerFormValues): PartnerUpdate {
  return { region: chosenRegion(values), ...editable(values) };
}
