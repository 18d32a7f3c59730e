import { Hono } from 'hono';
import { AidReportPage } from '../../../views/pages/reports/summary.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { attachment, CONTENT_TYPES } from '../../lib/download.js';
import { renderPage, uiOf } from '../../lib/render.js';
import { can, scope } from '../ledger/policy.js';
import { summaryDocx } from './docx.js';
import { reportFileName, summaryCsv, summarySentence, summaryXlsx } from './export.js';
import { exportedSummary, type ReportContext, summaryReport } from './service.js';

export const reportRoutes = new Hono<AppEnv>();

/** The year asked for, else the current one in Asia/Shanghai. */
function yearOf(c: AppContext): number {
  const q = c.req.query('year');
  if (q && /^\d{4}$/.test(q)) return Number(q);
  return Number(businessDate(c.get('deps').now()).slice(0, 4));
}

/** The context of a report use case: this instant, and the year and scope the viewer asked for. */
function context(c: AppContext): ReportContext {
  const { db, now } = c.get('deps');
  return { db, now: now(), year: yearOf(c), scope: scope(viewerOf(c)) };
}

reportRoutes.get('/aid', async (c) => {
  authorize(c, can(viewerOf(c), 'report'));
  const t = c.get('t');
  const { summary, charts } = await summaryReport({ ...context(c), t, locale: c.get('locale') });
  return renderPage(
    c,
    <AidReportPage
      ui={uiOf(c)}
      summary={summary}
      sentence={summarySentence(t, summary)}
      monthChart={charts.month}
      townshipChart={charts.township}
    />,
  );
});

/** The summary for an export in `format`, audited before it is sent. */
const exported = (c: AppContext, format: string) =>
  exportedSummary({ ...context(c), actorUserId: viewerOf(c).id, format });

/** 湘潭县2026年特困人员帮扶工作汇总.xlsx: the report's own title, in both name parameters. */
const download = (c: AppContext, bytes: Uint8Array, ext: keyof typeof CONTENT_TYPES, year: number) =>
  c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': CONTENT_TYPES[ext],
    'Content-Disposition': attachment(`${reportFileName(c.get('deps').config.countyName, year)}.${ext}`),
  });

reportRoutes.post('/aid.csv', async (c) => {
  authorize(c, can(viewerOf(c), 'export'));
  const s = await exported(c, 'csv');
  return download(c, summaryCsv(c.get('t'), s), 'csv', s.year);
});

reportRoutes.post('/aid.xlsx', async (c) => {
  authorize(c, can(viewerOf(c), 'export'));
  const s = await exported(c, 'xlsx');
  return download(c, await summaryXlsx(c.get('t'), s), 'xlsx', s.year);
});

reportRoutes.post('/aid.docx', async (c) => {
  authorize(c, can(viewerOf(c), 'export'));
  const s = await exported(c, 'docx');
  const deps = c.get('deps');
  const bytes = await summaryDocx(c.get('t'), s, {
    issuedOn: businessDate(deps.now()),
    county: deps.config.countyName,
    rasterise: deps.rasterise,
  });
  return download(c, bytes, 'docx', s.year);
});
