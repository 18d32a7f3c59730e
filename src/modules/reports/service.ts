import type { Db } from '../../db/client.js';
import { auditInsert } from '../../lib/audit.js';
import type { Locale, Translate } from '../../lib/i18n/index.js';
import type { Scope } from '../../lib/scope.js';
import { cachedByVersion, ledgerVersion, summaryKey } from './cache.js';
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
export function yearSummary(ctx: ReportContext & { version?: string }) {
  const { db, now, year, scope, version } = ctx;
  const compute = () => annualSummary(db, year, scope);
  return cachedByVersion({ db, key: summaryKey(year, scope), now: now.getTime(), version, compute });
}

/** The report page's summary and its two charts, both at the one ledger version read for this request. */
export async function summaryReport(ctx: ReportContext & { t: Translate; locale: Locale }) {
  const { db, now, scope, t, locale } = ctx;
  const version = await ledgerVersion(db);
  const summary = await yearSummary({ ...ctx, version });
  // The charts too are drawn once per version (and language: their titles are translated), from the summary
  // stored under that same version.
  const charts = await cachedByVersion({
    db,
    key: summaryKey(summary.year, scope, 'charts', locale),
    now: now.getTime(),
    version,
    compute: async () => {
      const drawn = reportCharts(t, summary);
      return { month: barChartDataUri(drawn.month), township: barChartDataUri(drawn.township) };
    },
  });
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
