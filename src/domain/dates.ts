/**
 * Business dates are `YYYY-MM-DD` in Asia/Shanghai, whatever the server's zone; instants are UTC `Date`s. This is
 * the one place that converts between them and counts days.
 */

const DAY_MS = 86_400_000;
// China has kept one offset (UTC+8) without daylight saving since 1991, so a fixed shift is exact.
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The business date (Asia/Shanghai, `YYYY-MM-DD`) of an instant. */
export function businessDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The wall-clock time (Asia/Shanghai, `HH:mm`) of an instant. */
export function shanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 16);
}

function dayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`no such date: ${date}`);
  return ms / DAY_MS;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days, across month and year ends. */
export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The first and last business dates of the month holding `date`. */
export function monthBounds(date: string): { first: string; last: string } {
  const first = `${date.slice(0, 8)}01`;
  const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const last = fromDayNumber(Date.UTC(y, m, 0) / DAY_MS); // day 0 of the next month
  return { first, last };
}

/** The UTC instant of a Shanghai wall-clock time `HH:MM` on a business date. */
export function shanghaiInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** Adds years, clamping 29 February to 28 February in common years. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** The later of two business dates (checked: comparing as numbers would silently give NaN). */
export function laterDate(a: string, b: string): string {
  return daysBetween(a, b) > 0 ? b : a;
}

/** The earlier of two business dates. */
export function earlierDate(a: string, b: string): string {
  return daysBetween(a, b) < 0 ? b : a;
}
