import type { CareLevel } from './vocabulary.js';

/** Care level → visit interval in days. The seed's defaults; counties change them as data (cadence_rules). */
export type CadenceRules = Readonly<Record<CareLevel, number>>;

export const DEFAULT_CADENCE: CadenceRules = { full: 1, partial: 2, self: 7 };

const DAY_MS = 86_400_000;
// China has kept one offset (UTC+8) without daylight saving since 1991, so a fixed shift is exact.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The business date (Asia/Shanghai, `YYYY-MM-DD`) of an instant. */
export function businessDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
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

/** Interval in days for a care level; rules must hold a positive whole number for every level. */
export function intervalDays(level: CareLevel, rules: CadenceRules = DEFAULT_CADENCE): number {
  const days = rules[level];
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`bad interval for ${level}: ${days}`);
  return days;
}

export interface DueStatus {
  /** The date the next visit is due; a recipient never visited is due from `since` (their registration). */
  nextDue: string;
  /** Whole days past the due date; 0 when due today or not yet due. */
  daysOverdue: number;
  /** Due today or earlier. */
  due: boolean;
}

/** Next due date and days overdue from the last counted visit (or registration when never visited). */
export function dueStatus(
  p: { lastVisit: string | null; since: string; level: CareLevel; today: string },
  rules: CadenceRules = DEFAULT_CADENCE,
): DueStatus {
  const nextDue = p.lastVisit ? addDays(p.lastVisit, intervalDays(p.level, rules)) : p.since;
  const late = daysBetween(nextDue, p.today);
  return { nextDue, daysOverdue: Math.max(0, late), due: late >= 0 };
}

/**
 * Visits a recipient's cadence asks for in the window `from`..`to` (inclusive): one per interval, counted from
 * the later of the window's start and their registration; nothing when registered after the window.
 */
export function requiredVisits(
  level: CareLevel,
  window: { from: string; to: string },
  since: string,
  rules: CadenceRules = DEFAULT_CADENCE,
): number {
  const start = since > window.from ? since : window.from;
  if (start > window.to) return 0;
  return Math.ceil((daysBetween(start, window.to) + 1) / intervalDays(level, rules));
}
