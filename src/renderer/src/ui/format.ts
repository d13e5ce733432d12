const numberFormat = new Intl.NumberFormat();

/** 12345 → "12,345" in the user's locale. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** "1 word", "2,000 words". */
export function formatCount(value: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(value)} ${value === 1 ? singular : plural}`;
}

/** 12_400 → "12.4k", for tight spaces such as tree rows. */
export function formatCompact(value: number): string {
  if (value < 1_000) return String(value);
  return new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** A timestamp as "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function formatRelativeTime(timestamp: number, now: number = Date.now()): string {
  const delta = timestamp - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(delta) >= ms) return relative.format(Math.round(delta / ms), unit);
  }
  return 'just now';
}

/** A timestamp as a local date and time, for tooltips. */
export function formatDateTime(timestamp: number): string {
  return new Date(timestamp).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
