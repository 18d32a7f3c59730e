import { Hono } from 'hono';
import { ActivityImportFigures } from '../../../views/pages/ledger/import-figures.js';
import { ImportPage, type ImportPageProps } from '../../../views/pages/registry/import.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { attachment, CONTENT_TYPES } from '../../lib/download.js';
import { fieldValue, readForm } from '../../lib/form.js';
import { renderPage, uiOf } from '../../lib/render.js';
import { readUpload } from '../../lib/upload.js';
import { confirmUpload, counts, discardPreview, type ImportOutcome, previewUpload } from '../registry/pipeline.js';
import { exportActivitiesFile } from './export.js';
import { activitiesImporter } from './import.js';
import type { ActivityFigures } from './import-figures.js';
import { can, scope } from './policy.js';
import { ACTIVITY_COLUMNS } from './sheet.js';

export const activityImportRoutes = new Hono<AppEnv>();

type Props = Partial<ImportPageProps> & { outcome?: ImportOutcome<ActivityFigures> };

/** The registry's import page, for the activities sheet, with the activities' figures on its preview. */
function page(c: AppContext, props: Props, status: 200 | 422 = 200) {
  const ui = uiOf(c);
  const o = props.outcome;
  const figures = o?.ok && !props.done && o.figures ? <ActivityImportFigures ui={ui} figures={o.figures} /> : null;
  const view = { ui, title: ui.t('import.title'), action: '/activities/import', columns: ACTIVITY_COLUMNS, figures };
  return renderPage(c, <ImportPage {...view} {...props} />, status);
}

function runFor(c: AppContext) {
  const deps = c.get('deps');
  return { db: deps.db, cipher: deps.cipher, now: deps.now(), viewer: viewerOf(c), t: c.get('t') };
}

activityImportRoutes.get('/import', (c) => {
  authorize(c, can(viewerOf(c), 'import'));
  return page(c, {});
});

/** Step 1: upload and check; nothing is written but the file, kept (encrypted) for the confirmation. */
activityImportRoutes.post('/import', async (c) => {
  authorize(c, can(viewerOf(c), 'import'));
  const file = await readUpload(c);
  if (!file) return page(c, { error: c.get('t')('registry.fileError.noFile') }, 422);
  const { outcome, token } = await previewUpload({ ...runFor(c), importer: activitiesImporter, file });
  return page(c, { outcome, token, fileName: file.name }, outcome.ok ? 200 : 422);
});

/** Step 2: the kept file, checked again and written in one batch with its audit row. */
activityImportRoutes.post('/import/confirm', async (c) => {
  authorize(c, can(viewerOf(c), 'import'));
  const token = fieldValue(await readForm(c), 'token');
  const result = await confirmUpload({ ...runFor(c), importer: activitiesImporter, token });
  if (!result) return page(c, { error: c.get('t')('registry.fileError.expired') }, 422);
  const { outcome, fileName } = result;
  if (outcome.ok) c.get('deps').logger.info('activities_imported', { by: viewerOf(c).id, ...counts(outcome) });
  return page(c, { outcome, done: outcome.ok, fileName }, outcome.ok ? 200 : 422);
});

activityImportRoutes.post('/import/discard', async (c) => {
  authorize(c, can(viewerOf(c), 'import'));
  const token = fieldValue(await readForm(c), 'token');
  await discardPreview({ db: c.get('deps').db, token, viewer: viewerOf(c), entity: activitiesImporter.entity });
  return page(c, { discarded: true });
});

/** A date range from the query; a missing or malformed end is open. */
function exportRange(c: AppContext) {
  const ok = (s: string | undefined) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null);
  return { from: ok(c.req.query('from')), to: ok(c.req.query('to')) };
}

for (const format of ['csv', 'xlsx'] as const)
  activityImportRoutes.post(`/export.${format}`, async (c) => {
    const viewer = viewerOf(c);
    // ID numbers leave in clear: only the county administrator, like the import.
    authorize(c, can(viewer, 'import'));
    const deps = c.get('deps');
    const file = await exportActivitiesFile({
      ...deps,
      now: deps.now(),
      viewer,
      s: scope(viewer),
      format,
      ...exportRange(c),
    });
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': attachment(file.name),
    });
  });
