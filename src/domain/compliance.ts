import { type CadenceRules, DEFAULT_CADENCE, intervalDays } from './cadence.js';
import { addDays, daysBetween, earlierDate, laterDate, monthBounds } from './dates.js';
import type { CareLevel } from './vocabulary.js';

/**
 * The daily care promise of the 守望之家, measured per calendar month (docs/decisions/0135-monthly-compliance.md):
 * each home-supported person is to be seen at their cadence (全失能 daily, 半失能 every two
 * days, 全自理 weekly by default). A month is judged on its own days: a gap that spans two months counts in each
 * month for the days it has there, so no month is blamed for another's missed days.
 */

/** The days of `month` (YYYY-MM) that can be judged on `today`: the whole month once over, up to yesterday while it
 * runs (today is not over, so a person not yet seen today has not missed it); null before the month has a full day. */
export function complianceWindow(month: string, today: string): { from: string; to: string } | null {
  const { first, last } = monthBounds(`${month}-01`);
  const yesterday = addDays(today, -1);
  const to = earlierDate(last, yesterday);
  return to < first ? null : { from: first, to };
}

export interface HouseholdCompliance {
  /** Visits the cadence asks for in the judged days: whole intervals from the later of the window's start and the
   * person's registration (0 while a newcomer has not yet had one whole interval). */
  required: number;
  /** Distinct days with a counted visit in the judged days. */
  visitDays: number;
  /** Required visits made: days with a counted visit, at most `required` (extra visits do not make up for others). */
  made: number;
  /** The longest run of consecutive judged days without a counted visit. */
  longestGap: number;
  /** Whether the promise was kept: no run of `interval` judged days without a counted visit. Null when nothing was
   * required yet. */
  compliant: boolean | null;
}

/**
 * One person's month. `visitDays` are the dates (YYYY-MM-DD) of counted visits; dates outside the judged days
 * (before the window or registration, after its end) and repeats are ignored.
 */
export function householdCompliance(
  p: {
    level: CareLevel;
    since: string;
    window: { from: string; to: string };
    visitDays: readonly string[];
  },
  rules: CadenceRules = DEFAULT_CADENCE,
): HouseholdCompliance {
  const interval = intervalDays(p.level, rules);
  const start = laterDate(p.since, p.window.from);
  if (start > p.window.to) return { required: 0, visitDays: 0, made: 0, longestGap: 0, compliant: null };
  const days = [...new Set(p.visitDays.filter((d) => d >= start && d <= p.window.to))].sort();
  // The fewest visits that leave no run of `interval` days unvisited in n days is floor(n / interval): a household
  // seen exactly every seventh day from the 7th keeps a weekly cadence with four visits in October.
  const required = Math.floor((daysBetween(start, p.window.to) + 1) / interval);
  let longestGap = 0;
  let previous = addDays(start, -1);
  for (const day of [...days, addDays(p.window.to, 1)]) {
    longestGap = Math.max(longestGap, daysBetween(previous, day) - 1);
    previous = day;
  }
  const made = Math.min(required, days.length);
  // No run of `interval` unvisited days implies every required visit was made (see above).
  return { required, visitDays: days.length, made, longestGap, compliant: required ? longestGap < interval : null };
}

export interface ComplianceTotals {
  /** Persons with something required in the window. */
  households: number;
  required: number;
  made: number;
  /** made / required, 0..1; null when nothing was required. */
  rate: number | null;
  /** Persons whose promise was kept. */
  compliantHouseholds: number;
  /** compliantHouseholds / households, 0..1; null when nobody was due. */
  householdRate: number | null;
}

/** The figures of a group of persons (a township, a 守望之家, the county). */
export function complianceTotals(rows: readonly HouseholdCompliance[]): ComplianceTotals {
  const due = rows.filter((r) => r.compliant !== null);
  const required = due.reduce((s, r) => s + r.required, 0);
  const made = due.reduce((s, r) => s + r.made, 0);
  const compliantHouseholds = due.filter((r) => r.compliant).length;
  return {
    households: due.length,
    required,
    made,
    rate: required ? made / required : null,
    compliantHouseholds,
    householdRate: due.length ? compliantHouseholds / due.length : null,
  };
}

/** The month a compliance page opens on: the current one, or the previous one on its first day (nothing judged yet). */
export function defaultComplianceMonth(today: string): string {
  const current = today.slice(0, 7);
  return complianceWindow(current, today) ? current : addDays(`${current}-01`, -1).slice(0, 7);
}
