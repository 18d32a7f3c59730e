import { Hono } from 'hono';
import { ImportActivitiesPage } from '../../../views/pages/ledger/import.js';
import { businessDate } from '../../domain/dates.js';
import { auditInsert } from '../../lib/audit.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { attachment, CONTENT_TYPES } from '../../lib/download.js';
import { renderPage, uiOf } from '../../lib/render.js';
import { writeCsv, writeXlsx } from '../../lib/spreadsheet/index.js';
import { readUpload } from '../../lib/upload.js';
import { exportActivities, importActivities, rowErrorText } from './import.js';
import { can, scope } from './policy.js';

export const activityImportRoutes = new Hono<AppEnv>();

activityImportRoutes.get('/import', (c) => {
  authorize(c, can(viewerOf(c), 'import'));
  return renderPage(c, <ImportActivitiesPage ui={uiOf(c)} />);
});

activityImportRoutes.post('/import', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'import'));
  const deps = c.get('deps');
  const t = c.get('t');
  const upload = await readUpload(c);
  if (!upload) return renderPage(c, <ImportActivitiesPage ui={uiOf(c)} errors={[t('import.unreadable')]} />, 422);
  const result = await importActivities(deps.db, deps.cipher, upload, { actorUserId: viewer.id, now: deps.now() });
  if (!result.ok)
    return renderPage(
      c,
      <ImportActivitiesPage ui={uiOf(c)} errors={result.errors.map((e) => rowErrorText(t, e))} />,
      422,
    );
  await auditInsert(
    deps.db,
    {
      actorUserId: viewer.id,
      action: 'import',
      entity: 'activity',
      changes: { created: result.created, unchanged: result.unchanged },
    },
    deps.now(),
  );
  deps.logger.info('activities_imported', { by: viewer.id, created: result.created, unchanged: result.unchanged });
  return renderPage(
    c,
    <ImportActivitiesPage
      ui={uiOf(c)}
      done={t('import.done', { created: result.created, unchanged: result.unchanged })}
    />,
  );
});

/** The viewer's activities of a date range in the import format; ID numbers leave in clear, so it is audited. */
async function exportRange(c: AppContext) {
  const from = c.req.query('from') ?? '';
  const to = c.req.query('to') ?? '';
  const ok = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
  return { from: ok(from) ? from : '0000-01-01', to: ok(to) ? to : '9999-12-31' };
}

for (const ext of ['csv', 'xlsx'] as const)
  activityImportRoutes.post(`/export.${ext}`, async (c) => {
    const viewer = viewerOf(c);
    // ID numbers leave in clear: only the county administrator, like the import.
    authorize(c, can(viewer, 'import'));
    const deps = c.get('deps');
    const range = await exportRange(c);
    const { headers, rows } = await exportActivities(deps.db, deps.cipher, scope(viewer), range);
    await auditInsert(
      deps.db,
      {
        actorUserId: viewer.id,
        action: 'export',
        entity: 'activity',
        changes: { ...range, rows: rows.length, format: ext },
      },
      deps.now(),
    );
    const bytes = ext === 'csv' ? writeCsv(headers, rows) : await writeXlsx('帮扶活动', headers, rows);
    const span =
      range.from === '0000-01-01' && range.to === '9999-12-31'
        ? businessDate(deps.now())
        : `${range.from}至${range.to}`;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': CONTENT_TYPES[ext],
      'Content-Disposition': attachment(`帮扶活动-${span}.${ext}`),
    });
  });
