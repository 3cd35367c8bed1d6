/** What staff without a need for the full data see of a customer (PIPL); zod-free for the browser. */

/** 138****5678: what a student operator sees of a customer's phone. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** 陈** : the family name only (the first character), for operators. */
export function maskName(name: string): string {
  const characters = Array.from(name);
  if (characters.length === 0) return '';
  return `${characters[0]}${'*'.repeat(Math.max(1, characters.length - 1))}`;
}

