/**
 * Money is integer fen (1 元 = 100 分) everywhere. Text is parsed digit by digit, never through floating point,
 * so "0.1" + "0.2" is exactly 30 fen. The same two-decimal parser serves service hours (hundredths of an hour).
 */

const DECIMAL_2 = /^(-)?(\d{1,14})(?:\.(\d{1,2}))?$/;

/** Parses "12", "12.5", "12.50", "1,234.56" (thousands commas allowed), "-3.2" into hundredths; null when invalid. */
export function parseHundredths(text: string): number | null {
  const s = text
    .trim()
    .replace(/[,，]/g, '')
    .replace(/^¥|元$/g, '');
  const m = DECIMAL_2.exec(s);
  if (!m) return null;
  const whole = Number(m[2]);
  const frac = Number((m[3] ?? '').padEnd(2, '0'));
  const value = whole * 100 + frac;
  if (!Number.isSafeInteger(value)) return null;
  return m[1] && value !== 0 ? -value : value;
}

/** Yuan text → fen; null when the text is not a number with at most two decimals. */
export const parseYuan = parseHundredths;

/** Formats hundredths as a plain decimal with two places ("1234.50", "-0.05"). */
export function formatHundredths(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError('not an integer amount');
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fen → "1234.50" (the 元 figure with two decimals, no grouping: forms and exports). */
export const formatYuan = formatHundredths;

/** Fen → "1,234.50" for display beside 元. */
export function formatYuanGrouped(fen: number): string {
  const plain = formatHundredths(fen);
  const [int, frac] = plain.split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  return `${neg ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/**
 * Fen → 万元 with one decimal, rounded half up on the exact integer (8,667,000 元 → "866.7").
 * 1 万元 = 1,000,000 fen, so one decimal is 100,000 fen.
 */
export function formatWanYuan(fen: number): string {
  const neg = fen < 0;
  const tenths = Math.floor((Math.abs(fen) + 50_000) / 100_000);
  return `${neg && tenths > 0 ? '-' : ''}${Math.trunc(tenths / 10)}.${tenths % 10}`;
}

/** Hundredths of an hour → a number of hours for JSON (exact to two decimals). */
export function hoursOf(centihours: number): number {
  return Number(formatHundredths(centihours));
}

/** Fen → yuan for a sentence: grouped, exact, without ".00" on whole yuan ("9,050", "9,050.50"). */
export function formatYuanExact(fen: number): string {
  const grouped = formatYuanGrouped(fen);
  return grouped.endsWith('.00') ? grouped.slice(0, -3) : grouped;
}
