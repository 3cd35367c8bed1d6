import { CATEGORIES } from './categories';
import { PARTNERS } from './partners';
import { PRODUCTS } from './products';
import type { Motif, Palette } from './types';
import { seedFileName } from './urls';

/**
 * The seed's pictures are drawn here rather than downloaded: the shop must work offline and
 * the demo must not carry anyone else's photos. Each is a small SVG with a gradient in the
 * category's palette, a motif made of plain shapes and, for products and logos, a short name.
 */

export type SeedImageKind = 'product' | 'category' | 'logo';

export interface SeedImageSpec {
  /** File name in db/seed-images. */
  file: string;
  kind: SeedImageKind;
  motif: Motif;
  palette: Palette;
  /** Text drawn on the picture (products and logos). */
  label?: string;
  /** A small caption in the corner, e.g. 细节. */
  tag?: string;
  /** 0 for a product's cover; later pictures vary the layout. */
  variant: number;
}

export const IMAGE_SIZES: Record<SeedImageKind, number> = { product: 800, category: 96, logo: 200 };

const FONT = 'PingFang SC,Hiragino Sans GB,Microsoft YaHei,Noto Sans CJK SC,sans-serif';
const INK = '#fffdf7';
const NEUTRAL: Palette = ['#7f5a3c', '#c8a27a', '#fbe9d0'];

interface Colors {
  /** The motif's body, on the gradient. */
  ink: string;
  /** Details drawn on the body. */
  line: string;
  /** Secondary parts, on the gradient. */
  accent: string;
}

const stroke = (color: string, width: number) => `fill="none" stroke="${color}" stroke-width="${width}" stroke-linecap="round"`;

/** Every motif is drawn in a 100 × 100 box. */
const MOTIFS: Record<Motif, (c: Colors) => string> = {
  carp: (c) =>
    `<path d="M12 52C24 30 58 26 74 44L92 30L88 52L92 72L74 60C58 76 24 74 12 52Z" fill="${c.ink}"/>` +
    `<path d="M40 34C46 22 58 22 62 33Z" fill="${c.accent}"/><path d="M44 66C48 78 58 78 60 68Z" fill="${c.accent}"/>` +
    `<circle cx="25" cy="48" r="3.5" fill="${c.line}"/>` +
    `<path d="M40 44q6 7 0 14M50 41q7 9 0 20M60 43q6 8 0 16" ${stroke(c.line, 2.5)}/>`,
  lantern: (c) =>
    `<path d="M50 0v10" ${stroke(c.accent, 2)}/><rect x="40" y="8" width="20" height="8" rx="2" fill="${c.accent}"/>` +
    `<ellipse cx="50" cy="46" rx="36" ry="31" fill="${c.ink}"/>` +
    `<path d="M50 16v61M31 20q-12 26 0 52M69 20q12 26 0 52" ${stroke(c.line, 2.5)}/>` +
    `<rect x="40" y="75" width="20" height="8" rx="2" fill="${c.accent}"/><path d="M44 84v14M50 84v16M56 84v14" ${stroke(c.accent, 2)}/>`,
  fan: (c) =>
    `<circle cx="50" cy="40" r="36" fill="${c.ink}"/>` +
    `<path d="M50 74V8M50 74L22 16M50 74L78 16M50 74L14 38M50 74L86 38" ${stroke(c.line, 2)}/>` +
    `<rect x="45" y="70" width="10" height="28" rx="4" fill="${c.accent}"/>`,
  basket: (c) =>
    `<path d="M30 42q20-40 40 0" ${stroke(c.accent, 5)}/><path d="M12 40h76l-9 50H21Z" fill="${c.ink}"/>` +
    `<path d="M16 54h68M18 68h64M20 81h60M34 40l4 50M50 40v50M66 40l-4 50" ${stroke(c.line, 2.5)}/>`,
  brush: (c) =>
    `<circle cx="50" cy="7" r="4" ${stroke(c.accent, 2.5)}/><rect x="45" y="11" width="10" height="50" rx="3" fill="${c.accent}"/>` +
    `<rect x="42" y="58" width="16" height="8" rx="2" fill="${c.ink}"/>` +
    `<path d="M42 66h16q4 16-8 32q-12-16-8-32Z" fill="${c.ink}"/><path d="M46 70q0 12 4 20M54 70q0 12-4 20" ${stroke(c.line, 1.5)}/>`,
  plaque: (c) =>
    `<rect x="6" y="12" width="88" height="76" rx="8" fill="${c.accent}"/><rect x="14" y="20" width="72" height="60" rx="4" fill="${c.ink}"/>` +
    `<path d="M24 64q8-24 26-12t26-14" ${stroke(c.line, 4)}/><circle cx="34" cy="38" r="7" ${stroke(c.line, 3)}/>` +
    `<circle cx="68" cy="62" r="5" fill="${c.line}"/>`,
  citrus: (c) =>
    `<path d="M50 24q2-16 22-20q-2 18-22 20Z" fill="${c.accent}"/><circle cx="50" cy="58" r="36" fill="${c.ink}"/>` +
    `<circle cx="50" cy="58" r="24" ${stroke(c.line, 2.5)}/><path d="M50 34v48M26 58h48M33 41l34 34M67 41l-34 34" ${stroke(c.line, 2)}/>`,
  cup: (c) =>
    `<path d="M36 30q-6-8 0-15t0-13M52 30q-6-8 0-15t0-13" ${stroke(c.accent, 3)}/>` +
    `<path d="M16 38h60v20q0 26-30 26t-30-26Z" fill="${c.ink}"/><path d="M76 45q14 0 14 11t-14 11" ${stroke(c.ink, 5)}/>` +
    `<rect x="8" y="86" width="76" height="7" rx="3.5" fill="${c.accent}"/><path d="M26 52h40" ${stroke(c.line, 3)}/>`,
  rice: (c) => {
    let grains = '';
    for (let i = 0; i < 5; i++) {
      const y = 22 + i * 13;
      grains += `<ellipse cx="${40 - i}" cy="${y}" rx="5" ry="9" transform="rotate(-30 ${40 - i} ${y})" fill="${c.ink}"/>`;
      grains += `<ellipse cx="${60 + i}" cy="${y + 4}" rx="5" ry="9" transform="rotate(30 ${60 + i} ${y + 4})" fill="${c.ink}"/>`;
    }
    return `<path d="M50 98V20q0-10 8-18" ${stroke(c.accent, 3.5)}/>${grains}`;
  },
  leaf: (c) =>
    `<path d="M14 86C14 40 44 14 88 12C86 58 58 86 14 86Z" fill="${c.ink}"/>` +
    `<path d="M14 86L72 28M38 62h20M50 50V32M62 38h14" ${stroke(c.line, 2.5)}/>`,
  bowl: (c) =>
    `<path d="M32 38q-6-8 0-15t0-15M50 38q-6-8 0-15t0-15M68 38q-6-8 0-15t0-15" ${stroke(c.accent, 3)}/>` +
    `<path d="M8 46h84q0 38-42 38T8 46Z" fill="${c.ink}"/><rect x="34" y="84" width="32" height="8" rx="3" fill="${c.ink}"/>` +
    `<path d="M20 58h60" ${stroke(c.line, 3)}/>`,
  jar: (c) =>
    `<rect x="28" y="6" width="44" height="14" rx="4" fill="${c.accent}"/>` +
    `<path d="M26 22h48q10 4 10 16v48q0 8-8 8H24q-8 0-8-8V38q0-12 10-16Z" fill="${c.ink}"/>` +
    `<rect x="26" y="46" width="48" height="28" rx="4" fill="${c.accent}"/><path d="M38 60h24" ${stroke(c.line, 3.5)}/>`,
  tower: (c) =>
    `<path d="M38 14a12 12 0 0 1 24 0Z" fill="${c.accent}"/><rect x="32" y="14" width="36" height="12" fill="${c.ink}"/>` +
    `<rect x="24" y="26" width="52" height="8" fill="${c.accent}"/><rect x="30" y="34" width="40" height="62" fill="${c.ink}"/>` +
    `<path d="M40 46h6M54 46h6M40 60h6M54 60h6" ${stroke(c.line, 5)}/><path d="M44 96V82a6 6 0 0 1 12 0v14Z" fill="${c.line}"/>`,
  cube: (c) =>
    `<path d="M50 8L88 29V71L50 92L12 71V29Z" fill="${c.ink}"/>` +
    `<path d="M12 29L50 50L88 29M50 50V92" ${stroke(c.line, 3)}/>` +
    `<path d="M12 43l38 21 38-21M12 57l38 21 38-21" ${stroke(c.line, 1.2)}/><path d="M50 0v6" ${stroke(c.accent, 4)}/>`,
  bag: (c) =>
    `<path d="M34 38V28q0-16 16-16t16 16v10" ${stroke(c.accent, 5)}/><path d="M16 36h68l-5 58H21Z" fill="${c.ink}"/>` +
    `<circle cx="50" cy="64" r="13" fill="${c.accent}"/><path d="M42 64h16M50 56v16" ${stroke(c.line, 2.5)}/>`,
  card: (c) =>
    `<rect x="6" y="18" width="88" height="64" rx="5" fill="${c.ink}"/>` +
    `<rect x="68" y="26" width="18" height="22" fill="none" stroke="${c.line}" stroke-width="2" stroke-dasharray="3 2"/>` +
    `<path d="M14 74l18-24 12 12 12-10 16 22Z" fill="${c.line}"/><circle cx="28" cy="36" r="6" fill="${c.accent}"/>`,
  envelope: (c) =>
    `<rect x="6" y="20" width="88" height="62" rx="5" fill="${c.ink}"/>` +
    `<path d="M8 24l42 32 42-32" ${stroke(c.line, 3)}/><circle cx="50" cy="62" r="9" fill="${c.line}"/>` +
    `<path d="M46 62h8" ${stroke(c.accent, 2)}/>`,
  calendar: (c) => {
    let cells = '';
    for (let row = 0; row < 3; row++) {
      for (let col = 0; col < 4; col++) {
        cells += `<rect x="${20 + col * 17}" y="${46 + row * 13}" width="10" height="8" rx="1.5" fill="${c.line}"/>`;
      }
    }
    return (
      `<rect x="8" y="16" width="84" height="76" rx="7" fill="${c.ink}"/><rect x="8" y="16" width="84" height="20" rx="7" fill="${c.accent}"/>` +
      `<path d="M28 8v16M72 8v16" ${stroke(c.line, 5)}/>${cells}`
    );
  },
  box: (c) =>
    `<path d="M50 8L90 28L50 48L10 28Z" fill="${c.accent}"/><path d="M10 28L50 48V94L10 74Z" fill="${c.ink}"/>` +
    `<path d="M90 28L50 48V94L90 74Z" fill="${c.ink}" fill-opacity=".8"/><path d="M30 38v22" ${stroke(c.line, 3)}/>`,
  foam: (c) =>
    `<rect x="10" y="14" width="80" height="20" rx="10" fill="${c.ink}"/><rect x="10" y="40" width="80" height="20" rx="10" fill="${c.ink}"/>` +
    `<rect x="10" y="66" width="80" height="20" rx="10" fill="${c.ink}"/>` +
    `<path d="M24 24h.1M40 24h.1M56 24h.1M72 24h.1M32 50h.1M48 50h.1M64 50h.1M24 76h.1M40 76h.1M56 76h.1M72 76h.1" ${stroke(c.line, 5)}/>`,
  shop: (c) =>
    `<path d="M8 34L18 10H82L92 34Z" fill="${c.accent}"/><rect x="14" y="40" width="72" height="54" fill="${c.ink}"/>` +
    `<path d="M8 34q10 12 21 0q10 12 21 0q10 12 21 0q10 12 21 0" fill="${c.ink}"/>` +
    `<rect x="40" y="60" width="20" height="34" fill="${c.line}"/><rect x="20" y="58" width="14" height="14" fill="${c.line}"/>`,
  chef: (c) =>
    `<path d="M26 58q-18-4-16-22q2-14 18-12q4-18 22-18t22 18q16-2 18 12q2 18-16 22Z" fill="${c.ink}"/>` +
    `<rect x="26" y="58" width="48" height="28" rx="3" fill="${c.ink}"/><path d="M26 70h48M40 58v28M60 58v28" ${stroke(c.line, 2.5)}/>`,
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function gradient(palette: Palette, variant: number): string {
  // The direction turns a quarter for each further picture of the same product.
  const directions = ['0 0 1 1', '1 0 0 1', '0 1 1 0', '1 1 0 0'];
  const [x1, y1, x2, y2] = (directions[variant % directions.length] ?? '0 0 1 1').split(' ');
  return (
    `<defs><linearGradient id="g" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">` +
    `<stop offset="0" stop-color="${palette[0]}"/><stop offset="1" stop-color="${palette[1]}"/></linearGradient></defs>`
  );
}

function motif(spec: SeedImageSpec, x: number, y: number, scale: number): string {
  const colors: Colors = { ink: INK, line: spec.palette[0], accent: spec.palette[2] };
  return `<g transform="translate(${x} ${y}) scale(${scale})">${MOTIFS[spec.motif](colors)}</g>`;
}

function text(x: number, y: number, size: number, fill: string, content: string, extra = ''): string {
  return `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${size}" text-anchor="middle" fill="${fill}"${extra}>${escapeXml(content)}</text>`;
}

/** Font size that keeps a label of this many characters inside the given width. */
function fitFont(label: string, max: number, width: number): number {
  return Math.min(max, Math.floor(width / Math.max(1, [...label].length)));
}

function open(size: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}">`;
}

function renderProduct(spec: SeedImageSpec): string {
  const label = spec.label ?? '';
  const cover = spec.variant === 0;
  const scale = cover ? 4.4 : 3.6;
  const cx = cover ? 400 : 400 + (spec.variant % 2 === 0 ? -40 : 40);
  const cy = cover ? 320 : 340;
  let out =
    open(800) +
    gradient(spec.palette, spec.variant) +
    `<rect width="800" height="800" fill="url(#g)"/>` +
    `<circle cx="${cx}" cy="${cy}" r="${cover ? 250 : 220}" fill="#fff" fill-opacity=".12"/>` +
    `<circle cx="${800 - cx / 4}" cy="${cover ? 96 : 700}" r="56" fill="${spec.palette[2]}" fill-opacity=".35"/>` +
    motif(spec, cx - 50 * scale, cy - 50 * scale, scale) +
    text(400, 660, fitFont(label, 64, 640), INK, label, ' font-weight="700"') +
    text(400, 730, 28, INK, '侨都职教商城', ' fill-opacity=".75"');
  if (spec.tag) {
    const width = [...spec.tag].length * 34 + 52;
    out +=
      `<rect x="48" y="48" width="${width}" height="64" rx="32" fill="${spec.palette[2]}"/>` +
      text(48 + width / 2, 92, 32, spec.palette[0], spec.tag, ' font-weight="700"');
  }
  return `${out}</svg>`;
}

function renderCategory(spec: SeedImageSpec): string {
  return (
    open(96) +
    gradient(spec.palette, spec.variant) +
    `<rect width="96" height="96" rx="24" fill="url(#g)"/>` +
    motif(spec, 18, 18, 0.6) +
    `</svg>`
  );
}

function renderLogo(spec: SeedImageSpec): string {
  const label = spec.label ?? '';
  return (
    open(200) +
    gradient(spec.palette, 0) +
    `<circle cx="100" cy="100" r="100" fill="url(#g)"/>` +
    motif(spec, 62, 28, 0.76) +
    text(100, 160, fitFont(label, 30, 136), INK, label, ' font-weight="700"') +
    `</svg>`
  );
}

/** The SVG text of one seed picture. */
export function renderSeedImage(spec: SeedImageSpec): string {
  switch (spec.kind) {
    case 'product':
      return renderProduct(spec);
    case 'category':
      return renderCategory(spec);
    case 'logo':
      return renderLogo(spec);
  }
}

function fileOf(url: string): string {
  const file = seedFileName(url);
  if (!file) throw new Error(`not a seed image URL: ${url}`);
  return file;
}

function buildSpecs(): SeedImageSpec[] {
  const specs: SeedImageSpec[] = [];
  const paletteOfCategory = new Map<string, Palette>();
  for (const root of CATEGORIES) {
    paletteOfCategory.set(root.slug, root.palette);
    specs.push({ file: fileOf(root.iconUrl), kind: 'category', motif: root.motif, palette: root.palette, variant: 0 });
    for (const child of root.children) {
      paletteOfCategory.set(child.slug, root.palette);
      specs.push({ file: fileOf(child.iconUrl), kind: 'category', motif: child.motif, palette: root.palette, variant: 1 });
    }
  }
  // A partner's logo takes the palette of the category most of its goods are in.
  const partnerPalette = new Map<string, Palette>();
  for (const product of PRODUCTS) {
    const palette = paletteOfCategory.get(product.categorySlug) ?? NEUTRAL;
    if (!partnerPalette.has(product.partnerSlug)) partnerPalette.set(product.partnerSlug, palette);
    product.images.forEach((image, variant) => {
      specs.push({
        file: fileOf(image.url),
        kind: 'product',
        motif: product.art.motif,
        palette,
        label: product.art.label,
        ...(image.tag === undefined ? {} : { tag: image.tag }),
        variant,
      });
    });
  }
  for (const partner of PARTNERS) {
    specs.push({
      file: fileOf(partner.logoUrl),
      kind: 'logo',
      motif: partner.logo.motif,
      palette: partnerPalette.get(partner.slug) ?? NEUTRAL,
      label: partner.logo.label,
      variant: 0,
    });
  }
  return specs;
}

/** Every picture the seed data refers to, one entry per file. */
export const SEED_IMAGES: readonly SeedImageSpec[] = buildSpecs();
