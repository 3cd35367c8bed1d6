import type { MyDataExport } from '@qiaodu/shared';

export const EXPORT_FILE_NAME = 'qiaodu-my-data.json';

export function exportJson(data: MyDataExport): string {
  return JSON.stringify(data, null, 2);
}

/**
 * Saves text as a file through a Blob link: no popup, no second request. Some web-views
 * (notably the mini-program's) ignore downloads, so the page offers copying as well.
 */
export function saveTextFile(text: string, fileName: string, type = 'application/json'): void {
  saveBlob(new Blob([text], { type: `${type};charset=utf-8` }), fileName);
}

/** Saves a Blob (a CSV the API sent) as a file, the same way. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the Blob only after click() has returned.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Copies with the Clipboard API, or the older selection command where that is missing (WeChat on old Android). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection command
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export interface ExportSummaryRow {
  label: string;
  value: string;
}

/** What the export holds, in words, so nobody has to read JSON to know what we keep. */
export function summarizeExport(data: MyDataExport): ExportSummaryRow[] {
  const activeSessions = data.sessions.filter((session) => session.revokedAt === null).length;
  return [
    { label: '昵称', value: data.user.displayName },
    ...(data.user.phone ? [{ label: '本人手机号', value: data.user.phone }] : []),
    { label: '微信身份', value: data.wechatAccounts.length ? `${data.wechatAccounts.length} 个（小程序 / 公众号 openid）` : '无' },
    { label: '收货地址', value: `${data.addresses.length} 个` },
    { label: '订单', value: data.orders.length ? `${data.orders.length} 笔` : '无' },
    { label: '团队与岗位', value: data.teams.length ? data.teams.map((team) => team.name).join('、') : '无' },
    { label: '登录记录', value: `${data.sessions.length} 次（${activeSessions} 个仍有效）` },
    { label: '个人信息查看记录', value: data.personalDataAccess.length ? `${data.personalDataAccess.length} 条` : '无人查看过' },
  ];
}
