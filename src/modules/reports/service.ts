import type { Db } from '../../db/client.js';
import { auditInsert } from '../../lib/audit.js';
import type { Locale, Translate } from '../../lib/i18n/index.js';
import type { Scope } from '../../lib/scope.js';
import { cachedByVersion, summaryKey } from './cache.js';
import { barChartDataUri, reportCharts } from './charts.js';
import { annualSummary } from './summary.js';

/** What the report use cases are given: the store, this instant, and the year and scope asked for. */
export interface ReportContext {
  db: Db;
  now: Date;
  year: number;
  scope: Scope;
}

/** The year's summary in the viewer's scope, computed once per ledger version (./cache.ts). */
export function yearSummary(ctx: ReportContext) {
  const { db, now, year, scope } = ctx;
  return cachedByVersion(db, summaryKey(year, scope), now.getTime(), () => annualSummary(db, year, scope));
}

/** The report page's summary and its two charts. */
export async function summaryReport(ctx: ReportContext & { t: Translate; locale: Locale }) {
  const { db, now, scope, t, locale } = ctx;
  const summary = await yearSummary(ctx);
  // The charts too are drawn once per version (and language: their titles are translated).
  const charts = await cachedByVersion(
    db,
    summaryKey(summary.year, scope, 'charts', locale),
    now.getTime(),
    async () => {
      // Drawn from the summary at the version this entry is stored under, not from one read before a write.
      const drawn = reportCharts(t, await yearSummary(ctx));
      return { month: barChartDataUri(drawn.month), township: barChartDataUri(drawn.township) };
    },
  );
  return { summary, charts };
}

/** The summary to export, once the export is audited (a write, so exports are POSTs: reads never change state). */
export async function exportedSummary(ctx: ReportContext & { actorUserId: number; format: string }) {
  const summary = await yearSummary(ctx);
  const { db, now, actorUserId, format } = ctx;
  await auditInsert(
    db,
    { actorUserId, action: 'export', entity: 'aid_summary', entityId: summary.year, changes: { format } },
    now,
  );
  return summary;
}
