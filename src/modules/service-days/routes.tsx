import { Hono } from 'hono';
import { DeleteTemplatePage, TemplatesPage } from '../../../views/pages/service-days/templates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { can, scope } from './policy.js';
import { templateForm } from './schema.js';
import { createTemplate, deleteTemplate, listTemplates, templateOwners, updateTemplate } from './templates.js';

/** Stations' and organisations' templates; every change reaches the coming untouched shifts at once. */
export const templateRoutes = new Hono<AppEnv>();

/** The page, with the add form or one row showing what was typed and why it was refused. */
async function page(c: AppContext, form?: { id: number | null; values: FormValues; errors: FieldErrors }) {
  const db = c.get('deps').db;
  const reach = scope(viewerOf(c));
  const [rows, owners] = await Promise.all([listTemplates(db, reach), templateOwners(db, reach)]);
  if (form?.id && !rows.some((r) => r.id === form.id)) notFound();
  return renderPage(c, <TemplatesPage ui={uiOf(c)} rows={rows} owners={owners} form={form} />, form ? 422 : 200);
}

/** Authorizes a change and gives the context every change takes. */
function context(c: AppContext) {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'templates'));
  return { db: c.get('deps').db, actorUserId: viewer.id, now: c.get('deps').now(), scope: scope(viewer) };
}

async function change(c: AppContext) {
  const ctx = context(c);
  return { ctx, form: parseForm(templateForm, await readForm(c), c.get('t')) };
}

const taken = (c: AppContext) => ({ startTime: c.get('t')('serviceDays.templates.taken') });

templateRoutes.get('/', async (c) => {
  authorize(c, can(viewerOf(c), 'templates'));
  return page(c);
});

templateRoutes.post('/', async (c) => {
  const { form, ctx } = await change(c);
  if (!form.ok) return page(c, { id: null, ...form });
  const owner = (await templateOwners(ctx.db, ctx.scope)).find((o) => o.id === form.data.organisationId);
  if (!owner)
    return page(c, { id: null, values: form.values, errors: { organisationId: c.get('t')('form.invalidChoice') } });
  const result = await createTemplate({ ...ctx, organisationId: owner.id, input: form.data });
  if (!result.ok) return page(c, { id: null, values: form.values, errors: taken(c) });
  setFlash(c, 'serviceDays.templates.created');
  return redirectAfterPost(c, '/shifts/templates');
});

templateRoutes.post('/:id{[0-9]+}', async (c) => {
  const { form, ctx } = await change(c);
  const id = Number(c.req.param('id'));
  if (!form.ok) return page(c, { id, ...form });
  const result = await updateTemplate({ ...ctx, id, input: form.data });
  if (result === 'notFound') notFound();
  if (result === 'taken') return page(c, { id, values: form.values, errors: taken(c) });
  setFlash(c, 'serviceDays.templates.saved');
  return redirectAfterPost(c, '/shifts/templates');
});

templateRoutes.get('/:id{[0-9]+}/delete', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'templates'));
  const row = (await listTemplates(c.get('deps').db, scope(viewer))).find((r) => r.id === Number(c.req.param('id')));
  if (!row) notFound();
  return renderPage(c, <DeleteTemplatePage ui={uiOf(c)} row={row} />);
});

templateRoutes.post('/:id{[0-9]+}/delete', async (c) => {
  const ctx = context(c);
  if ((await deleteTemplate({ ...ctx, id: Number(c.req.param('id')) })) === 'notFound') notFound();
  setFlash(c, 'serviceDays.templates.deleted');
  return redirectAfterPost(c, '/shifts/templates');
});
