import {
  DESCRIPTION_TEXT_MAX,
  HERITAGE_STORY_MAX,
  lengthProblem,
  parseYuanToFen,
  priceFenProblem,
  PRODUCT_SUBTITLE_MAX,
  PRODUCT_TITLE_MAX,
  PURCHASE_LIMIT_MAX,
  SPEC_TEXT_MAX,
} from '@qiaodu/shared';
import type { ConsoleProductDetail, HeritageLevel, ProductInput } from '@qiaodu/shared';
import type { FieldErrors } from '../api/fieldErrors';
import { fenToYuanText } from '../stock/format';

/**
 * The product editor's values as typed (prices in yuan, weights as text) and their way to the
 * API's ProductInput. Problem keys are the body paths the server uses (`skus.1.priceFen`), so
 * the client's and the server's messages land under the same fields.
 */

export interface SkuDraft {
  /** Stable key for v-for; not sent. */
  key: string;
  id?: number;
  code: string;
  /** One value per spec name of the product, in the same order. */
  values: string[];
  price: string;
  originalPrice: string;
  weight: string;
  /** Shown beside an existing SKU; stock changes only through the ledger. */
  stockAvailable: number | null;
}

export type DescriptionDraft =
  | { key: string; type: 'heading' | 'text'; text: string }
  | { key: string; type: 'image'; url: string; alt: string };

export interface HeritageDraft {
  level: HeritageLevel | null;
  craft: string;
  inheritor: string;
  region: string;
  story: string;
}

export interface ProductDraft {
  title: string;
  subtitle: string;
  categoryId: number | null;
  partnerId: number | null;
  /** The spec names every SKU shares (颜色、尺寸); none for a single-spec product. */
  specNames: string[];
  skus: SkuDraft[];
  description: DescriptionDraft[];
  heritageOn: boolean;
  heritage: HeritageDraft;
  /** 限购 as typed: units per customer; empty for no limit. */
  purchaseLimit: string;
}

let keys = 0;
export const nextKey = (): string => `k${++keys}`;

export function emptySku(specCount: number): SkuDraft {
  return { key: nextKey(), code: '', values: Array.from({ length: specCount }, () => ''), price: '', originalPrice: '', weight: '0', stockAvailable: null };
}

const emptyHeritage = (): HeritageDraft => ({ level: null, craft: '', inheritor: '', region: '', story: '' });

export function emptyProductDraft(partnerId: number | null): ProductDraft {
  return {
    title: '',
    subtitle: '',
    categoryId: null,
    partnerId,
    specNames: [],
    skus: [emptySku(0)],
    description: [],
    heritageOn: false,
    heritage: emptyHeritage(),
    purchaseLimit: '',
  };
}

export function productDraftOf(product: ConsoleProductDetail): ProductDraft {
  const specNames = product.skus[0]?.specs.map((spec) => spec.name) ?? [];
  return {
    title: product.title,
    subtitle: product.subtitle,
    categoryId: product.categoryId,
    partnerId: product.partnerId,
    specNames,
    skus: product.skus.map((sku) => ({
      key: nextKey(),
      id: sku.id,
      code: sku.code,
      values: specNames.map((name) => sku.specs.find((spec) => spec.name === name)?.value ?? ''),
      price: fenToYuanText(sku.priceFen),
      originalPrice: sku.originalPriceFen === null ? '' : fenToYuanText(sku.originalPriceFen),
      weight: String(sku.weightGrams),
      stockAvailable: sku.stockAvailable,
    })),
    description: product.description.map((block) => ({ ...block, key: nextKey() })),
    heritageOn: product.heritage !== null,
    heritage: product.heritage ? { ...product.heritage } : emptyHeritage(),
    purchaseLimit: String(product.purchaseLimit ?? ''),
  };
}

const SKU_CODE = /^[A-Za-z0-9_-]{1,64}$/;

function priceOf(text: string, label: string, problems: FieldErrors, key: string): number {
  const fen = parseYuanToFen(text);
  const problem = fen === null ? (text.trim() ? `${label}格式不正确，如 12.80` : `请填写${label}`) : priceFenProblem(fen, label);
  if (problem) problems[key] = problem;
  return fen ?? 0;
}

function weightOf(text: string, problems: FieldErrors, key: string): number {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed || '0')) problems[key] = '重量必须是整数克';
  else if (Number(trimmed || '0') > 100_000) problems[key] = '重量不能超过 100 千克';
  return Number(trimmed || '0');
}

/** Empty: no limit; else a whole number of units from 1 to PURCHASE_LIMIT_MAX, as the server checks it. */
function purchaseLimitOf(text: string, problems: FieldErrors): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (!/^\d+$/.test(trimmed)) problems.purchaseLimit = '限购数量必须是整数';
  else if (Number(trimmed) < 1) problems.purchaseLimit = '限购数量至少为 1';
  else if (Number(trimmed) > PURCHASE_LIMIT_MAX) problems.purchaseLimit = `限购数量最多 ${PURCHASE_LIMIT_MAX}`;
  return Number(trimmed) || null;
}

function check(problems: FieldErrors, key: string, problem: string | null): void {
  if (problem) problems[key] = problem;
}

/** The body to send, or the problems to show first; both checks the server repeats. */
export function toProductInput(draft: ProductDraft): { input: ProductInput | null; problems: FieldErrors } {
  const problems: FieldErrors = {};
  check(problems, 'title', lengthProblem(draft.title, '商品名称', 1, PRODUCT_TITLE_MAX));
  check(problems, 'subtitle', lengthProblem(draft.subtitle, '副标题', 0, PRODUCT_SUBTITLE_MAX));
  if (draft.categoryId === null) problems.categoryId = '请选择商品分类';
  if (draft.partnerId === null) problems.partnerId = '请选择合作伙伴';

  draft.specNames.forEach((name, index) => check(problems, `specNames.${index}`, lengthProblem(name, '规格名', 1, SPEC_TEXT_MAX)));
  if (new Set(draft.specNames.map((name) => name.trim())).size !== draft.specNames.length) problems.specNames = '规格名不能重复';
  if (draft.skus.length === 0) problems.skus = '至少需要一个规格';

  const codes = new Set<string>();
  const combos = new Set<string>();
  const skus = draft.skus.map((sku, index) => {
    const at = `skus.${index}`;
    const code = sku.code.trim();
    if (!SKU_CODE.test(code)) problems[`${at}.code`] = code ? '规格编码只能包含字母、数字、- 和 _，最多 64 位' : '请填写规格编码';
    else if (codes.has(code.toUpperCase())) problems[`${at}.code`] = '规格编码不能重复';
    codes.add(code.toUpperCase());
    sku.values.forEach((value, specIndex) => check(problems, `${at}.specs`, lengthProblem(value, draft.specNames[specIndex] || '规格值', 1, SPEC_TEXT_MAX)));
    const combo = sku.values.map((value) => value.trim()).join('|');
    if (draft.specNames.length && combos.has(combo)) problems[`${at}.specs`] ??= '两个规格的属性完全相同';
    combos.add(combo);
    const priceFen = priceOf(sku.price, '售价', problems, `${at}.priceFen`);
    const originalPriceFen = sku.originalPrice.trim() ? priceOf(sku.originalPrice, '划线价', problems, `${at}.originalPriceFen`) : null;
    if (originalPriceFen !== null && !problems[`${at}.originalPriceFen`] && !problems[`${at}.priceFen`] && originalPriceFen < priceFen) {
      problems[`${at}.originalPriceFen`] = '划线价不能低于售价';
    }
    return {
      ...(sku.id === undefined ? {} : { id: sku.id }),
      code,
      specs: draft.specNames.map((name, specIndex) => ({ name: name.trim(), value: (sku.values[specIndex] ?? '').trim() })),
      priceFen,
      originalPriceFen,
      weightGrams: weightOf(sku.weight, problems, `${at}.weightGrams`),
    };
  });

  const description = draft.description.map((block, index) => {
    if (block.type === 'image') return { type: 'image' as const, url: block.url, alt: block.alt.trim() };
    check(problems, `description.${index}.text`, lengthProblem(block.text, block.type === 'heading' ? '小标题' : '正文', 1, block.type === 'heading' ? 40 : DESCRIPTION_TEXT_MAX));
    return { type: block.type, text: block.text.trim() };
  });

  let heritage: ProductInput['heritage'] = null;
  if (draft.heritageOn) {
    const { level, craft, inheritor, region, story } = draft.heritage;
    if (level === null) problems['heritage.level'] = '请选择非遗级别';
    check(problems, 'heritage.craft', lengthProblem(craft, '技艺名称', 1, 40));
    check(problems, 'heritage.inheritor', lengthProblem(inheritor, '传承人', 1, 40));
    check(problems, 'heritage.region', lengthProblem(region, '产地', 1, 40));
    check(problems, 'heritage.story', lengthProblem(story, '非遗故事', 1, HERITAGE_STORY_MAX));
    heritage = { level: level ?? 'city', craft: craft.trim(), inheritor: inheritor.trim(), region: region.trim(), story: story.trim() };
  }

  const purchaseLimit = purchaseLimitOf(draft.purchaseLimit, problems);

  if (Object.keys(problems).length || draft.categoryId === null || draft.partnerId === null) return { input: null, problems };
  return {
    input: {
      title: draft.title.trim(),
      subtitle: draft.subtitle.trim(),
      categoryId: draft.categoryId,
      partnerId: draft.partnerId,
      description,
      heritage,
      purchaseLimit,
      skus,
    },
    problems: {},
  };
}

/**
 * Where the editor shows a server message: spec problems on the SKU's specs row, anything inside
 * a description block on that block; other paths as they are.
 */
export function productErrorKey(path: string): string {
  const spec = /^(skus\.\d+\.specs)\./.exec(path);
  if (spec) return spec[1]!;
  const block = /^(description\.\d+)\./.exec(path);
  if (block) return `${block[1]}.text`;
  return path;
}
