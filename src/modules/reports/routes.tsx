import { Hono } from 'hono';
import { AidReportPage } from '../../../views/pages/reports/summary.js';
import { businessDate } from '../../domain/dates.js';
import { auditInsert } from '../../lib/audit.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { attachment, CONTENT_TYPES } from '../../lib/download.js';
import { renderPage, uiOf } from '../../lib/render.js';
import { can, scope } from '../ledger/policy.js';
import { cachedByVersion, summaryKey } from './cache.js';
import { barChartDataUri, reportCharts } from './charts.js';
import { summaryDocx } from './docx.js';
import { reportFileName, summaryCsv, summarySentence, summaryXlsx } from './export.js';
import { annualSummary } from './summary.js';

export const reportRoutes = new Hono<AppEnv>();

/** The year asked for, else the current one in Asia/Shanghai. */
function yearOf(c: AppContext): number {
  const q = c.req.query('year');
  if (q && /^\d{4}$/.test(q)) return Number(q);
  return Number(businessDate(c.get('deps').now()).slice(0, 4));
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
      const drawn = reportCharts(t, await summaryFor(c));
      return { month: barChartDataUri(drawn.month), township: barChartDataUri(drawn.township) };
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

/** 湘潭县2026年特困人员帮扶工作汇总.xlsx: the report's own title, in both name parameters. */
const download = (c: AppContext, bytes: Uint8Array, ext: keyof typeof CONTENT_TYPES, year: number) =>
  c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': CONTENT_TYPES[ext],
    'Content-Disposition': attachment(`${reportFileName(c.get('deps').config.countyName, year)}.${ext}`),
  });

reportRoutes.post('/aid.csv', async (c) => {
  authorize(c, can(viewerOf(c), 'export'));
  const s = await summaryFor(c);
  await exported(c, 'csv', s.year);
  return download(c, summaryCsv(c.get('t'), s), 'csv', s.year);
});

reportRoutes.post('/aid.xlsx', async (c) => {
  authorize(c, can(viewerOf(c), 'export'));
  const s = await summaryFor(c);
  await exported(c, 'xlsx', s.year);
  return download(c, await summaryXlsx(c.get('t'), s), 'xlsx', s.year);
});

reportRoutes.post('/aid.docx', async (c) => {
  authorize(c, can(viewerOf(c), 'export'));
  const s = await summaryFor(c);
  await exported(c, 'docx', s.year);
  const deps = c.get('deps');
  const bytes = await summaryDocx(c.get('t'), s, {
    issuedOn: businessDate(deps.now()),
    county: deps.config.countyName,
    rasterise: deps.rasterise,
  });
  return download(c, bytes, 'docx', s.year);
});
