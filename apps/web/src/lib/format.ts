const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant shown in Beijing time, e.g. 2026/11/25 23:59. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return dateTime.format(typeof value === 'string' ? new Date(value) : value);
}

/** '0.4630' → '46.30%'; null → '—'. Ratios come as 4-decimal strings, so this is string arithmetic, not float. */
export function formatRatio(ratio: string | null | undefined): string {
  if (ratio === null || ratio === undefined) return '—';
  const [whole, fraction = ''] = ratio.split('.');
  const digits = (fraction + '0000').slice(0, 4);
  const percent = Number(whole) * 100 + Number(digits.slice(0, 2));
  return `${percent}.${digits.slice(2, 4)}%`;
}

/** A ratio string as a number of percent for charts (46.3 for '0.4630'). */
export function ratioToPercent(ratio: string | null | undefined): number | null {
  if (ratio === null || ratio === undefined) return null;
  return Math.round(Number(ratio) * 10000) / 100;
}

export function formatNumber(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const number = typeof value === 'string' ? Number(value) : value;
  return number.toLocaleString('zh-CN', { maximumFractionDigits: 3 });
}

/** +3 / −2 / 0 with the sign shown. */
export function formatSigned(value: number | null | undefined, suffix = ''): string {
  if (value === null || value === undefined) return '—';
  if (value === 0) return `0${suffix}`;
  return `${value > 0 ? '+' : '−'}${formatNumber(Math.abs(value))}${suffix}`;
}

/** A signed percent text from the API or trend-compare ('-12.5' → '−12.5%'). */
export function formatSignedPercent(percent: string | null | undefined): string {
  if (percent === null || percent === undefined) return '—';
  if (Number(percent) === 0) return '0.0%';
  return percent.startsWith('-') ? `−${percent.slice(1)}%` : `+${percent}%`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Seconds to a countdown in Chinese: 3天4小时 / 2小时15分 / 已截止 2天. */
export function formatCountdown(seconds: number): string {
  const abs = Math.abs(seconds);
  const days = Math.floor(abs / 86400);
  const hours = Math.floor((abs % 86400) / 3600);
  const minutes = Math.floor((abs % 3600) / 60);
  const text = days > 0 ? `${days}天${hours}小时` : hours > 0 ? `${hours}小时${minutes}分` : `${minutes}分钟`;
  return seconds >= 0 ? text : `已截止 ${text}`;
}
