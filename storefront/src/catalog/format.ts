import { formatFen } from '@qiaodu/shared';

/** "¥12.80" split so the yuan can be set larger than the symbol and the fen. */
export function splitPrice(fen: number): { symbol: string; yuan: string; cents: string } {
  const match = /^(-?¥)(\d+)\.(\d{2})$/.exec(formatFen(fen));
  return { symbol: match?.[1] ?? '¥', yuan: match?.[2] ?? '0', cents: match?.[3] ?? '00' };
}

/** 986 → "986", 12345 → "1.2万": how Chinese shops show sales. */
export function formatCount(count: number): string {
  if (count < 10_000) return String(count);
  const wan = Math.floor(count / 1_000) / 10;
  return `${wan}万`;
}

/** Only a real discount is struck through. */
export function hasDiscount(priceFen: number, originalPriceFen: number | null): originalPriceFen is number {
  return originalPriceFen !== null && originalPriceFen > priceFen;
}
