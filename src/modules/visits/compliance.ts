import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organisations, recipients, townships, villages, visits } from '../../db/schema/index.js';
import {
  type ComplianceTotals,
  complianceTotals,
  complianceWindow,
  defaultComplianceMonth,
  type HouseholdCompliance,
  householdCompliance,
} from '../../domain/compliance.js';
import { businessDate, monthBounds } from '../../domain/dates.js';
import type { CareLevel } from '../../domain/vocabulary.js';
import { ALL, type Scope } from '../../lib/scope.js';
import { activeAtHome, recipientsIn } from '../recipients/queries.js';
import { barChartDataUri } from '../reports/charts.js';
import { loadCadenceRules } from './queries.js';
import { noOpenStationTask } from './tasks.js';

export interface HouseholdRow extends HouseholdCompliance {
  recipientId: number;
  name: string;
  townshipId: number;
  township: string;
  village: string | null;
  careLevel: CareLevel;
  /** The 守望之家 that covers the household (its explicit assignment, else the unit of its village), or null. */
  unitId: number | null;
}

export interface GroupCompliance extends ComplianceTotals {
  key: number;
  label: string;
}

export interface MonthCompliance {
  month: string;
  /** The judged days; null when the month has no complete day yet. */
  window: { from: string; to: string } | null;
  households: HouseholdRow[];
}

/**
 * Every active home-supported person in scope with their month: two reads (the persons, then the distinct days with a
 * counted visit in the window), the arithmetic in src/domain/compliance.ts. A county's month is some tens of thousands
 * of visit-days, held easily in memory.
 */
export async function complianceForMonth(
  db: Db,
  scope: Scope,
  q: { month: string; today: string; townshipId?: number },
): Promise<MonthCompliance> {
  const window = complianceWindow(q.month, q.today);
  if (!window) return { month: q.month, window, households: [] };
  const rules = await loadCadenceRules(db);
  const people = await db
    .select({
      recipientId: recipients.id,
      name: recipients.name,
      townshipId: recipients.townshipId,
      township: townships.name,
      village: villages.name,
      careLevel: recipients.careLevel,
      createdAt: recipients.createdAt,
      // A village shared by two units without an assignment counts under the lower unit id (one unit per household).
      unitId: sql<number | null>`coalesce(
        (select h.unit_id from care_unit_households h where h.recipient_id = "recipients"."id"),
        (select min(cv.unit_id) from care_unit_villages cv where cv.village_id = "recipients"."village_id"))`,
    })
    .from(recipients)
    .innerJoin(townships, eq(townships.id, recipients.townshipId))
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .where(
      and(
        recipientsIn(scope),
        activeAtHome,
        // A death or a move reported on a visit ends the promise until the station closes the task (exit, transfer).
        noOpenStationTask,
        q.townshipId === undefined ? undefined : eq(recipients.townshipId, q.townshipId),
      ),
    )
    .orderBy(asc(townships.name), asc(villages.name), asc(recipients.name), asc(recipients.id));
  const days = new Map<number, string[]>();
  // Chunked so the IN list stays under SQLite's bound-parameter limit on D1 (100) as on libSQL.
  for (let i = 0; i < people.length; i += 90) {
    const ids = people.slice(i, i + 90).map((p) => p.recipientId);
    const rows = await db
      .selectDistinct({ recipientId: visits.recipientId, on: visits.visitedOn })
      .from(visits)
      .where(
        and(
          inArray(visits.recipientId, ids),
          eq(visits.outcome, 'visited'),
          sql`${visits.visitedOn} BETWEEN ${window.from} AND ${window.to}`,
        ),
      );
    for (const r of rows) days.set(r.recipientId, [...(days.get(r.recipientId) ?? []), r.on]);
  }
  const households = people.map(({ createdAt, ...p }) => ({
    ...p,
    ...householdCompliance(
      { level: p.careLevel, since: businessDate(createdAt), window, visitDays: days.get(p.recipientId) ?? [] },
      rules,
    ),
  }));
  return { month: q.month, window, households };
}

/** The figures per group (township, 守望之家 …), in the order the households came. */
export function groupCompliance(
  households: readonly HouseholdRow[],
  by: (h: HouseholdRow) => { key: number; label: string },
): GroupCompliance[] {
  const groups = new Map<number, { label: string; rows: HouseholdRow[] }>();
  for (const h of households) {
    const { key, label } = by(h);
    const g = groups.get(key) ?? { label, rows: [] };
    g.rows.push(h);
    groups.set(key, g);
  }
  return [...groups].map(([key, g]) => ({ key, label: g.label, ...complianceTotals(g.rows) }));
}

export const byTownship = (h: HouseholdRow) => ({ key: h.townshipId, label: h.township });

/** The 守望之家 of some households by id → name (the care units among the organisations). */
export async function unitNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.kind, 'care_unit'), inArray(organisations.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The bar chart of the groups' household rates (percent, one decimal, axis fixed at 0–100 %) as a data: URI. */
export function complianceChart(rows: readonly GroupCompliance[], title: string): string | null {
  const charted = rows.filter((r) => r.householdRate !== null);
  if (!charted.length) return null;
  return barChartDataUri({
    title,
    labels: charted.map((r) => r.label),
    values: charted.map((r) => Math.round(r.householdRate! * 1000) / 10),
    max: 100,
  });
}

/** How long the county dashboard's chart is reused: the page itself (/visits/compliance) is always live. */
export const DASHBOARD_CHART_TTL_MS = 5 * 60 * 1000;
const dashboardCharts = new WeakMap<object, { key: string; until: number; chart: string | null }>();

/**
 * The county dashboard's chart of this month's compliance by township, computed at most every five minutes per
 * database and language: the dashboard is the busiest page, while a month's rate moves slowly.
 */
export async function dashboardComplianceChart(
  db: Db,
  today: string,
  title: string,
  now: Date,
): Promise<string | null> {
  const key = `${today}|${title}`;
  const hit = dashboardCharts.get(db);
  if (hit && hit.key === key && hit.until > now.getTime()) return hit.chart;
  const month = await complianceForMonth(db, ALL, { month: defaultComplianceMonth(today), today });
  const chart = complianceChart(groupCompliance(month.households, byTownship), title);
  dashboardCharts.set(db, { key, until: now.getTime() + DASHBOARD_CHART_TTL_MS, chart });
  return chart;
}

export interface CompliancePageModel {
  month: string;
  window: { from: string; to: string } | null;
  /** The month is still running (counted to yesterday). */
  running: boolean;
  townships: GroupCompliance[];
  total: ComplianceTotals;
  /** Each household of one township: when the viewer chose one or only has one. */
  households: { township: string; rows: HouseholdRow[] } | null;
  /** The chosen township's 守望之家, each with its households' figures (households no unit covers: key 0). */
  units: GroupCompliance[];
  townshipId: number | null;
  chart: string | null;
  /** A month that could not be shown, with what was asked (the page then shows the default month). */
  error: { key: 'compliance.error.month' | 'compliance.error.future'; asked: string } | null;
}

/**
 * What /visits/compliance shows for a month: the townships' figures and chart, and each household of the chosen
 * township, the ones whose promise was not kept first (longest gap first).
 */
export async function compliancePage(
  db: Db,
  scope: Scope,
  q: {
    month: string | null;
    townshipId: number | null;
    today: string;
    chartTitle: string;
    badMonth: boolean;
    asked: string;
  },
): Promise<CompliancePageModel> {
  const fallback = defaultComplianceMonth(q.today);
  const future = q.month !== null && q.month > q.today.slice(0, 7);
  const month = q.month && !future ? q.month : fallback;
  const error = q.badMonth
    ? ({ key: 'compliance.error.month', asked: q.asked } as const)
    : future
      ? ({ key: 'compliance.error.future', asked: q.month! } as const)
      : null;
  const data = await complianceForMonth(db, scope, { month, today: q.today });
  const townships = groupCompliance(data.households, byTownship);
  const chosen = scope.kind === 'township' ? scope.townshipId : q.townshipId;
  const rows = chosen === null ? [] : data.households.filter((h) => h.townshipId === chosen);
  const names = await unitNames(db, [...new Set(rows.map((h) => h.unitId).filter((u): u is number => u !== null))]);
  const units = groupCompliance(rows, (h) => ({
    key: h.unitId ?? 0,
    label: (h.unitId !== null && names.get(h.unitId)) || '',
  }));
  const notKeptFirst = (a: HouseholdRow, b: HouseholdRow) =>
    Number(a.compliant !== false) - Number(b.compliant !== false) || b.longestGap - a.longestGap;
  return {
    month,
    window: data.window,
    running: data.window !== null && data.window.to < monthLast(month),
    townships,
    total: complianceTotals(data.households),
    households: rows.length ? { township: rows[0].township, rows: [...rows].sort(notKeptFirst) } : null,
    units: units.some((u) => u.key !== 0) ? units : [],
    townshipId: chosen,
    chart: complianceChart(townships, q.chartTitle),
    error,
  };
}

const monthLast = (month: string) => monthBounds(`${month}-01`).last;
