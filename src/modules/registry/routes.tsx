import { Hono } from 'hono';
import { ImportPage, type ImportPageProps } from '../../../views/pages/registry/import.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { attachment, CONTENT_TYPES } from '../../lib/download.js';
import { fieldValue, readForm } from '../../lib/form.js';
import { renderPage, uiOf } from '../../lib/render.js';
import { readUpload } from '../../lib/upload.js';
import { REGISTER_FILE_NAMES, REGISTERS, type Register } from './formats.js';
import { confirmUpload, counts, discardPreview, previewUpload } from './pipeline.js';
import { can } from './policy.js';
import { COLUMNS, exportRegister, registerImporter } from './service.js';

export const registryRoutes = new Hono<AppEnv>();

function registerOf(c: AppContext): Register {
  const r = c.req.param('register') as Register;
  if (!REGISTERS.includes(r)) notFound();
  return r;
}

function page(c: AppContext, register: Register, props: Partial<ImportPageProps>, status: 200 | 422 = 200) {
  const t = c.get('t');
  const title = t('registry.importTitle', { register: t(`registry.register.${register}`) });
  return renderPage(
    c,
    <ImportPage ui={uiOf(c)} title={title} action={`/import/${register}`} columns={COLUMNS[register]} {...props} />,
    status,
  );
}

/** The pipeline's run for this request: the register's importer, the viewer, the clock. */
function runFor(c: AppContext, register: Register) {
  const deps = c.get('deps');
  const now = deps.now();
  return {
    db: deps.db,
    cipher: deps.cipher,
    now,
    viewer: viewerOf(c),
    t: c.get('t'),
    importer: registerImporter(register, now),
  };
}

registryRoutes.get('/import/:register', (c) => {
  const register = registerOf(c);
  authorize(c, can(viewerOf(c), 'import', register));
  return page(c, register, {});
});

/** Step 1: upload and check; nothing is written but the file, kept for the confirmation. */
registryRoutes.post('/import/:register', async (c) => {
  const register = registerOf(c);
  authorize(c, can(viewerOf(c), 'import', register));
  const file = await readUpload(c);
  if (!file) return page(c, register, { error: c.get('t')('registry.fileError.noFile') }, 422);
  const { outcome, token } = await previewUpload({ ...runFor(c, register), file });
  return page(c, register, { outcome, token, fileName: file.name }, outcome.ok ? 200 : 422);
});

/** Step 2: apply the kept file (checked again: the register may have changed since the preview). */
registryRoutes.post('/import/:register/confirm', async (c) => {
  const register = registerOf(c);
  authorize(c, can(viewerOf(c), 'import', register));
  const token = fieldValue(await readForm(c), 'token');
  const result = await confirmUpload({ ...runFor(c, register), token });
  if (!result) return page(c, register, { error: c.get('t')('registry.fileError.expired') }, 422);
  const { outcome, fileName } = result;
  if (outcome.ok) c.get('deps').logger.info('register_imported', { by: viewerOf(c).id, register, ...counts(outcome) });
  return page(c, register, { outcome, done: outcome.ok, fileName }, outcome.ok ? 200 : 422);
});

/** The uploader rejects the preview: the kept file is deleted at once rather than left for the sweep. */
registryRoutes.post('/import/:register/discard', async (c) => {
  const register = registerOf(c);
  authorize(c, can(viewerOf(c), 'import', register));
  const token = fieldValue(await readForm(c), 'token');
  await discardPreview({ db: c.get('deps').db, token, viewer: viewerOf(c), entity: register });
  return page(c, register, { discarded: true });
});

/** An export as the viewer may have it: ID numbers and mobiles in clear for the county admin only. */
function exportOf(c: AppContext, register: Register, format: 'csv' | 'xlsx') {
  const deps = c.get('deps');
  const viewer = viewerOf(c);
  const unmasked = can(viewer, 'exportUnmasked', register);
  const sheetName = c.get('t')(`registry.register.${register}`);
  return { ...deps, viewer, register, format, unmasked, now: deps.now(), sheetName };
}

/** Exports are audited, so they are POSTs (reads never write). Only the county admin gets ID numbers in clear. */
registryRoutes.post('/export/:register/:format{csv|xlsx}', async (c) => {
  const register = registerOf(c);
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'export', register));
  const deps = c.get('deps');
  const format = c.req.param('format') as 'csv' | 'xlsx';
  const bytes = await exportRegister(exportOf(c, register, format));
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': attachment(`${REGISTER_FILE_NAMES[register]}-${businessDate(deps.now())}.${format}`),
  });
});
