import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recipients, townships } from '../../db/schema/index.js';
import { requiredVisits } from '../../domain/cadence.js';
import { addDays, businessDate } from '../../domain/dates.js';
import { ALL, type Scope } from '../../lib/scope.js';
import { recipientsIn } from '../recipients/queries.js';
import { barChartDataUri } from '../reports/charts.js';
import { loadCadenceRules } from './queries.js';

/** The window the county reports on: the last 30 days, today included. */
export const COMPLIANCE_DAYS = 30;

export interface TownshipCompliance {
  townshipId: number;
  township: string;
  recipients: number;
  required: number;
  /** Required visits made: days with a counted visit, at most the number required per person. */
  made: number;
  /** made / required, 0..1; null when nothing was required. */
  rate: number | null;
}

/**
 * Each township's share of required visits made in the window. A person visited more often than their cadence
 * asks does not make up for someone else who was missed, so each person's visits count up to their own need.
 */
export async function complianceByTownship(db: Db, scope: Scope, today: string): Promise<TownshipCompliance[]> {
  const window = { from: addDays(today, -(COMPLIANCE_DAYS - 1)), to: today };
  const rules = await loadCadenceRules(db);
  const rows = await db
    .select({
      townshipId: recipients.townshipId,
      township: townships.name,
      careLevel: recipients.careLevel,
      createdAt: recipients.createdAt,
      days: sql<number>`(select count(distinct v.visited_on) from visits v where v.recipient_id = ${recipients.id} and v.outcome = 'visited' and v.visited_on between ${window.from} and ${window.to})`,
    })
    .from(recipients)
    .innerJoin(townships, eq(townships.id, recipients.townshipId))
    .where(and(recipientsIn(scope), eq(recipients.status, 'active'), eq(recipients.supportMode, 'home')));
  const byTownship = new Map<number, TownshipCompliance>();
  for (const r of rows) {
    const t = byTownship.get(r.townshipId) ?? {
      townshipId: r.townshipId,
      township: r.township,
      recipients: 0,
      required: 0,
      made: 0,
      rate: null,
    };
    const required = requiredVisits(r.careLevel, window, businessDate(r.createdAt), rules);
    t.recipients += 1;
    t.required += required;
    t.made += Math.min(required, Number(r.days));
    byTownship.set(r.townshipId, t);
  }
  return [...byTownship.values()]
    .map((t) => ({ ...t, rate: t.required ? t.made / t.required : null }))
    .sort((a, b) => a.township.localeCompare(b.township, 'zh'));
}

/** The bar chart of the townships' rates (percent, one decimal) as a data: URI image; null when nothing was due. */
export function complianceChart(rows: readonly TownshipCompliance[], title: string): string | null {
  const charted = rows.filter((r) => r.rate !== null);
  if (!charted.length) return null;
  return barChartDataUri({
    title,
    labels: charted.map((r) => r.township),
    values: charted.map((r) => Math.round(r.rate! * 1000) / 10),
  });
}

/** How long the county dashboard's chart is reused: the page itself (/visits/compliance) is always live. */
export const DASHBOARD_CHART_TTL_MS = 5 * 60 * 1000;
const dashboardCharts = new WeakMap<object, { key: string; until: number; chart: string | null }>();

/**
 * The county dashboard's compliance chart, computed at most every five minutes per database and language: the
 * dashboard is the busiest page, while a 30-day rate moves slowly.
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
  const chart = complianceChart(await complianceByTownship(db, ALL, today), title);
  dashboardCharts.set(db, { key, until: now.getTime() + DASHBOARD_CHART_TTL_MS, chart });
  return chart;
}
