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
import { can } from './policy.js';
import { COLUMNS, exportRegister, importRegister } from './service.js';
import { discardUpload, dropUpload, keepUpload, takeUpload } from './uploads.js';

export const registryRoutes = new Hono<AppEnv>();

function registerOf(c: AppContext): Register {
  const r = c.req.param('register') as Register;
  if (!REGISTERS.includes(r)) notFound();
  return r;
}

function page(c: AppContext, register: Register, props: Partial<ImportPageProps>, status: 200 | 422 = 200) {
  return renderPage(c, <ImportPage ui={uiOf(c)} register={register} columns={COLUMNS[register]} {...props} />, status);
}

registryRoutes.get('/import/:register', (c) => {
  const register = registerOf(c);
  authorize(c, can(viewerOf(c), 'import', register));
  return page(c, register, {});
});

/** Step 1: upload and check; nothing is written but the file, kept for the confirmation. */
registryRoutes.post('/import/:register', async (c) => {
  const register = registerOf(c);
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'import', register));
  const deps = c.get('deps');
  const t = c.get('t');
  const file = await readUpload(c);
  if (!file) return page(c, register, { error: t('registry.fileError.noFile') }, 422);
  const outcome = await importRegister(deps, viewer, t, register, file, { apply: false, now: deps.now() });
  if (!outcome.ok) return page(c, register, { outcome, fileName: file.name }, 422);
  const token = await keepUpload(deps.db, deps.cipher, viewer.id, register, file, deps.now());
  return page(c, register, { outcome, token, fileName: file.name });
});

/** Step 2: apply the kept file (checked again: the register may have changed since the preview). */
registryRoutes.post('/import/:register/confirm', async (c) => {
  const register = registerOf(c);
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'import', register));
  const deps = c.get('deps');
  const t = c.get('t');
  const token = fieldValue(await readForm(c), 'token');
  const file = token ? await takeUpload(deps.db, deps.cipher, token, viewer.id, register, deps.now()) : null;
  if (!file) return page(c, register, { error: t('registry.fileError.expired') }, 422);
  const outcome = await importRegister(deps, viewer, t, register, file, { apply: true, now: deps.now() });
  // Applied or rejected, the kept file is done with: it never stays behind in the database.
  await dropUpload(deps.db, token);
  if (!outcome.ok) return page(c, register, { outcome, fileName: file.name }, 422);
  deps.logger.info('register_imported', {
    by: viewer.id,
    register,
    created: outcome.created,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
  });
  return page(c, register, { outcome, done: true, fileName: file.name });
});

/** The uploader rejects the preview: the kept file is deleted at once rather than left for the sweep. */
registryRoutes.post('/import/:register/discard', async (c) => {
  const register = registerOf(c);
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'import', register));
  const deps = c.get('deps');
  const token = fieldValue(await readForm(c), 'token');
  if (token) await discardUpload(deps.db, token, viewer.id, register);
  return page(c, register, { discarded: true });
});

/** Exports are audited, so they are POSTs (reads never write). Only the county admin gets ID numbers in clear. */
registryRoutes.post('/export/:register/:format{csv|xlsx}', async (c) => {
  const register = registerOf(c);
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'export', register));
  const deps = c.get('deps');
  const format = c.req.param('format') as 'csv' | 'xlsx';
  const unmasked = can(viewer, 'exportUnmasked', register);
  const bytes = await exportRegister(deps, viewer, register, format, {
    unmasked,
    now: deps.now(),
    sheetName: c.get('t')(`registry.register.${register}`),
  });
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': attachment(`${REGISTER_FILE_NAMES[register]}-${businessDate(deps.now())}.${format}`),
  });
});
