import { daysBetween } from './dates.js';
import type { CareLevel, VISITOR_KINDS } from './vocabulary.js';

/**
 * The service-day coverage rule (集中工作日, decision 0165): every home-supported household is visited by a social
 * organisation or a station at least once per period; a 守望之家 care visit does not count, it has its own cadence.
 */

/** Who counts for coverage: volunteers of the organisations and station workers, not 守望之家 members nor village doctors. */
export const SERVICE_VISITOR_KINDS = [
  'volunteer',
  'station_worker',
] as const satisfies readonly (typeof VISITOR_KINDS)[number][];

/** Months a period lasts: the seed's quarter unless the county or a township says otherwise. */
export const DEFAULT_COVERAGE_MONTHS = 3;
/** Period lengths that tile the calendar year, so every period starts on the 1st of a month and none straddles years. */
export const COVERAGE_MONTHS = [1, 2, 3, 4, 6, 12] as const;
/** Beyond a year every household is equally late: keeps the weights bounded for the planner's proofs. */
export const WEEKS_CAP = 53;

const LEVEL_RANK: Record<CareLevel, number> = { self: 2, full: 1, partial: 0 };
/** One open need outranks any wait and any care level. */
const NEED_WEIGHT = 3 * (WEEKS_CAP + 1);
/** The largest weight the rule gives: the kernel's priority stays a small integer. */
export const MAX_COVERAGE_PRIORITY = NEED_WEIGHT + 3 * WEEKS_CAP + LEVEL_RANK.self + 1;

/** The calendar period (first and last business date) holding `date`, periods of `months` from 1 January. */
export function coveragePeriod(date: string, months: number): { first: string; last: string } {
  if (!(COVERAGE_MONTHS as readonly number[]).includes(months)) throw new RangeError(`bad coverage period ${months}`);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startMonth = Math.floor((month - 1) / months) * months + 1;
  const endMonth = startMonth + months - 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  return { first: `${year}-${pad(startMonth)}-01`, last: `${year}-${pad(endMonth)}-${pad(lastDay)}` };
}

/** A home-supported household as the rule sees it. */
export interface CoverageHousehold {
  id: number;
  careLevel: CareLevel;
  /** Registration date: a household never visited has waited since then. */
  since: string;
  /** The last day an organisation or a station met them (outcome visited); null when never. */
  lastServiceVisit: string | null;
  /** Needs found and not yet resolved. */
  openNeeds: number;
}

export interface CoverageCandidate {
  id: number;
  /** The planner's weight: higher goes first. */
  priority: number;
  /** Days since the last service-day visit (or registration). */
  daysSince: number;
  openNeed: boolean;
  /** Not yet visited in this period (false: on the list only for an open need). */
  uncovered: boolean;
}

/** A household's weight for a service day on `date`, and why: days since the last service-day visit, open need. */
export function coverageWeight(
  h: CoverageHousehold,
  date: string,
): { priority: number; daysSince: number; openNeed: boolean } {
  const openNeed = h.openNeeds > 0;
  const daysSince = Math.max(0, daysBetween(h.lastServiceVisit ?? h.since, date));
  const weeks = Math.min(WEEKS_CAP, Math.floor(daysSince / 7));
  return { priority: (openNeed ? NEED_WEIGHT : 0) + 3 * weeks + LEVEL_RANK[h.careLevel] + 1, daysSince, openNeed };
}

/**
 * The households a service day on `date` should visit, most pressing first: those not yet visited by an organisation
 * or station this period, and those with an open need whatever the period. Order (and the planner's weight): open
 * need, then the longest since the last service-day visit in whole weeks, then 全自理 (whose pooled subsidy buys
 * these services), then 全失能 before 半失能. Households in `keep` (chosen by hand) stay whatever the rule says.
 */
export function coverageCandidates(
  households: readonly CoverageHousehold[],
  p: { date: string; months: number; keep?: ReadonlySet<number> },
): CoverageCandidate[] {
  const { first } = coveragePeriod(p.date, p.months);
  const out: CoverageCandidate[] = [];
  for (const h of households) {
    const uncovered = h.lastServiceVisit === null || h.lastServiceVisit < first;
    const weight = coverageWeight(h, p.date);
    if (!uncovered && !weight.openNeed && !p.keep?.has(h.id)) continue;
    out.push({ id: h.id, ...weight, uncovered });
  }
  return out.sort((a, b) => b.priority - a.priority || b.daysSince - a.daysSince || a.id - b.id);
}

/** A nursing home (集中供养) of the township, with the last day an organisation or station visited it. */
export interface CoverageNursingHome {
  id: number;
  name: string;
  lastServiceVisit: string | null;
}

/** The nursing homes not yet visited this period, never-visited first, then the longest since. */
export function nursingHomesDue<T extends CoverageNursingHome>(
  homes: readonly T[],
  p: { date: string; months: number },
): T[] {
  const { first } = coveragePeriod(p.date, p.months);
  return homes
    .filter((h) => h.lastServiceVisit === null || h.lastServiceVisit < first)
    .sort(
      (a, b) =>
        (a.lastServiceVisit ?? '').localeCompare(b.lastServiceVisit ?? '') || a.name.localeCompare(b.name, 'zh'),
    );
}

/** The period that applies to a township: its own setting, else the county's, else the seed's quarter. */
export function coverageMonthsFor(
  settings: readonly { townshipId: number | null; months: number }[],
  townshipId: number,
): number {
  return (
    settings.find((s) => s.townshipId === townshipId)?.months ??
    settings.find((s) => s.townshipId === null)?.months ??
    DEFAULT_COVERAGE_MONTHS
  );
}
