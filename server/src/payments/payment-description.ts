const PREFIX = '侨都职教商城-';
/** WeChat's limit on description, in characters. */
const DESCRIPTION_MAX = 127;

/**
 * What the payer sees in WeChat for an order: 侨都职教商城-<first item>等N件 (N units in all; a
 * single unit is just its title), cut to WeChat's 127 characters. Counted in characters, so a
 * Chinese title is never cut inside a character.
 */
export function paymentDescription(lines: readonly { title: string; quantity: number }[]): string {
  const units = lines.reduce((sum, line) => sum + line.quantity, 0);
  const suffix = units > 1 ? `等${units}件` : '';
  const room = DESCRIPTION_MAX - [...PREFIX].length - [...suffix].length;
  const title = [...(lines[0]?.title.trim() || '商品')].slice(0, room).join('');
  return `${PREFIX}${title}${suffix}`;
}
