import { Hono } from 'hono';
import { AidReportPage } from '../../../views/pages/reports/summary.js';
import { auditInsert } from '../../lib/audit.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { renderPage, uiOf } from '../../lib/render.js';
import { can, scope } from '../ledger/policy.js';
import { cachedByVersion, summaryKey } from './cache.js';
import { barChartDataUri } from './charts.js';
import { summaryCsv, summaryDocx, summarySentence, summaryXlsx } from './export.js';
import { annualSummary } from './summary.js';

export const reportRoutes = new Hono<AppEnv>();

const shanghaiDate = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** The year asked for, else the current one in Asia/Shanghai. */
function yearOf(c: AppContext): number {
  const q = c.req.query('year');
  if (q && /^\d{4}$/.test(q)) return Number(q);
  return Number(shanghaiDate(c.get('deps').now()).slice(0, 4));
}

/** The year's summary in the viewer's scope, computed once per ledger version (./cache.ts). */
async function summaryFor(c: AppContext) {
  const { db, now } = c.get('deps');
  const year = yearOf(c);
  const s = scope(viewerOf(c));
  return cachedByVersion(db, summaryKey(year, s), now().getTime(), () => annualSummary(db, year, s));
}

reportRoutes.get('/aid', async (c) => {
  authorize(c, can(viewerOf(c), 'report'));
  const t = c.get('t');
  const s = await summaryFor(c);
  const { db, now } = c.get('deps');
  // The charts too are drawn once per version (and language: their titles are translated).
  const charts = await cachedByVersion(
    db,
    summaryKey(s.year, scope(viewerOf(c)), 'charts', c.get('locale')),
    now().getTime(),
    async () => {
      // Drawn from the summary at the version this entry is stored under, not from one read before a write.
      const s = await summaryFor(c);
      const months = Array.from({ length: 12 }, (_, i) => `${s.year}-${String(i + 1).padStart(2, '0')}`);
      const byMonth = new Map(s.by_month.map((m) => [m.month, m.aid_total_fen]));
      return {
        month: barChartDataUri({
          title: t('report.chartMonth'),
          labels: months.map((m) => m.slice(5)),
          values: months.map((m) => (byMonth.get(m) ?? 0) / 100),
        }),
        township: barChartDataUri({
          title: t('report.chartTownship'),
          labels: s.by_township.map((r) => r.township ?? t('report.noTownship')),
          values: s.by_township.map((r) => r.aid_total_fen / 100),
        }),
      };
    },
  );
  return renderPage(
    c,
    <AidReportPage
      ui={uiOf(c)}
      summary={s}
      sentence={summarySentence(t, s)}
      monthChart={charts.month}
      townshipChart={charts.township}
    />,
  );
});

/** Exports are audited (a write), so they are POSTs: reads never change state. */
async function exported(c: AppContext, format: string, year: number) {
  const deps = c.get('deps');
  await auditInsert(
    deps.db,
    { actorUserId: viewerOf(c).id, action: 'export', entity: 'aid_summary', entityId: year, changes: { format } },
    deps.now(),
  );
}

const download = (c: AppContext, bytes: Uint8Array, type: string, name: string) =>
  c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="aid-${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });

reportRoutes.post('/aid.csv', async (c) => {
  authorize(c, can(viewerOf(c), 'export'));
  const s = await summaryFor(c);
  await exported(c, 'csv', s.year);
  return download(c, summaryCsv(c.get('t'), s), 'text/csv; charset=utf-8', `${s.year}.csv`);
});

reportRoutes.post('/aid.xlsx', async (c) => {
  authorize(c, can(viewerOf(c), 'export'));
  const s = await summaryFor(c);
  await exported(c, 'xlsx', s.year);
  return download(
    c,
    await summaryXlsx(c.get('t'), s),
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    `${s.year}.xlsx`,
  );
});

reportRoutes.post('/aid.docx', async (c) => {
  authorize(c, can(viewerOf(c), 'export'));
  const s = await summaryFor(c);
  await exported(c, 'docx', s.year);
  const bytes = await summaryDocx(c.get('t'), s, shanghaiDate(c.get('deps').now()));
  return download(
    c,
    bytes,
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    `${s.year}.docx`,
  );
});
