/** "等待 25 分钟" / "等待 3 小时" / "等待 2 天": how long a paid order has waited for the team. */
export function waitingText(sinceIso: string, nowMs: number): string {
  const since = new Date(sinceIso).getTime();
  if (Number.isNaN(since)) return '';
  const minutes = Math.max(0, Math.floor((nowMs - since) / 60_000));
  if (minutes < 1) return '刚刚付款';
  if (minutes < 60) return `等待 ${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `等待 ${hours} 小时`;
  return `等待 ${Math.floor(hours / 24)} 天`;
}

/** Past a day a waiting order is marked, so the shift packs it first. */
export function isOverdue(sinceIso: string, nowMs: number): boolean {
  const since = new Date(sinceIso).getTime();
  return !Number.isNaN(since) && nowMs - since > 24 * 60 * 60_000;
}
