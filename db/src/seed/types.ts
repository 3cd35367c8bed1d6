import type {
  DescriptionBlock,
  HeritageLevel,
  JIANGMEN_REGIONS,
  PartnerKind,
  Post,
  Role,
  ProductStatus,
  SpecValue,
} from '@qiaodu/shared';

/** The demo data: plain rows that point at each other by slug (ids are the database's). */

export type JiangmenRegion = (typeof JIANGMEN_REGIONS)[number];

/** What the generated illustration shows; see images.ts. */
export type Motif =
  | 'carp'
  | 'lantern'
  | 'fan'
  | 'basket'
  | 'brush'
  | 'plaque'
  | 'citrus'
  | 'cup'
  | 'rice'
  | 'leaf'
  | 'bowl'
  | 'jar'
  | 'tower'
  | 'cube'
  | 'bag'
  | 'card'
  | 'envelope'
  | 'calendar'
  | 'box'
  | 'foam'
  | 'shop'
  | 'chef';

/** Gradient start, gradient end and an accent colour. */
export type Palette = readonly [from: string, to: string, accent: string];

export interface SeedPartner {
  slug: string;
  kind: PartnerKind;
  name: string;
  region: JiangmenRegion;
  intro: string;
  story: string;
  heritageLevel: HeritageLevel | null;
  craft: string | null;
  contactName: string;
  contactPhone: string;
  logoUrl: string;
  /** How the generated logo looks: a motif and a short name of 2–4 characters. */
  logo: { motif: Motif; label: string };
}

export interface SeedTeam {
  slug: string;
  name: string;
  description: string;
  /** Partners whose goods the team runs (team_partners). */
  partnerSlugs: readonly string[];
}

export interface SeedCategory {
  slug: string;
  name: string;
  iconUrl: string;
  position: number;
  motif: Motif;
  palette: Palette;
  children: readonly SeedChildCategory[];
}

export interface SeedChildCategory {
  slug: string;
  name: string;
  iconUrl: string;
  position: number;
  motif: Motif;
}

export interface SeedHeritage {
  level: HeritageLevel;
  craft: string;
  inheritor: string;
  region: JiangmenRegion;
  story: string;
}

export interface SeedSku {
  /** Unique over the whole shop, ^[A-Za-z0-9_-]{1,64}$. */
  code: string;
  specs: SpecValue[];
  priceFen: number;
  originalPriceFen: number | null;
  stock: number;
  sales: number;
}

export interface SeedImage {
  url: string;
  alt: string;
  /** A small caption drawn on the generated picture, e.g. 细节 or 包装. */
  tag?: string;
}

export interface SeedProduct {
  slug: string;
  title: string;
  subtitle: string;
  /** A child category. */
  categorySlug: string;
  partnerSlug: string;
  /** Must be a team that runs the partner's goods. */
  teamSlug: string;
  status: ProductStatus;
  /** Days before SEED_REFERENCE_TIME the product went on sale; null for drafts. */
  publishedDaysAgo: number | null;
  heritage: SeedHeritage | null;
  /** The picture: motif and the product's short Chinese name. */
  art: { motif: Motif; label: string };
  images: readonly SeedImage[];
  description: DescriptionBlock[];
  skus: readonly SeedSku[];
}

/** A demo person: whom the persona picker logs in as, and their ties to teams and partners. */
export interface SeedPerson {
  persona: string;
  displayName: string;
  roles: readonly Role[];
  phone?: string;
  partnerSlug?: string;
  memberships?: readonly { team: string; post: Post; isLead?: boolean }[];
  supervises?: readonly string[];
  /** Written only while the person has no addresses, so a demo visitor's edits survive a re-seed. */
  addresses?: readonly { name: string; phone: string; areaCode: string; detail: string; isDefault: boolean }[];
}
