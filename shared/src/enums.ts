/** Const unions shared by the database, the API and the storefront. Labels are the zh-CN copy. */

export const PARTNER_KINDS = ['enterprise', 'heritage', 'student_studio'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  enterprise: '合作企业',
  heritage: '非遗传承人',
  student_studio: '学生工作室',
};

export const HERITAGE_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export type HeritageLevel = (typeof HERITAGE_LEVELS)[number];
export const HERITAGE_LEVEL_LABELS: Record<HeritageLevel, string> = {
  national: '国家级非遗',
  provincial: '省级非遗',
  city: '市级非遗',
  county: '区县级非遗',
};

export const PRODUCT_STATUSES = ['draft', 'submitted', 'on_sale', 'off_shelf'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const PRODUCT_STATUS_LABELS: Record<ProductStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  on_sale: '在售',
  off_shelf: '已下架',
};

export const PRODUCT_SORTS = ['newest', 'price_asc', 'price_desc', 'sales'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];
export const PRODUCT_SORT_LABELS: Record<ProductSort, string> = {
  newest: '最新',
  price_asc: '价格从低到高',
  price_desc: '价格从高到低',
  sales: '销量',
};

/** Jiangmen's districts and county-level cities, used for partner regions and provenance. */
export const JIANGMEN_REGIONS = ['蓬江区', '江海区', '新会区', '台山市', '开平市', '恩平市', '鹤山市'] as const;
