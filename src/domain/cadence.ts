import { addDays, daysBetween } from './dates.js';
import type { CareLevel } from './vocabulary.js';

/** Care level → visit interval in days. The seed's defaults; counties change them as data (cadence_rules). */
export type CadenceRules = Readonly<Record<CareLevel, number>>;

export const DEFAULT_CADENCE: CadenceRules = { full: 1, partial: 2, self: 7 };

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
