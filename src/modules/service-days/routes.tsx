import { Hono } from 'hono';
import { TemplatesPage } from '../../../views/pages/service-days/templates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { can, scope } from './policy.js';
import { listTemplates, templateForm, updateTemplate } from './templates.js';

/** Stations' templates (station staff: their township's station; county admin: all). */
export const templateRoutes = new Hono<AppEnv>();

templateRoutes.get('/', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer));
  return renderPage(c, <TemplatesPage ui={uiOf(c)} rows={await listTemplates(c.get('deps').db, scope(viewer))} />);
});

templateRoutes.post('/:id{[0-9]+}', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer));
  const deps = c.get('deps');
  const id = Number(c.req.param('id'));
  const form = parseForm(templateForm, await readForm(c), c.get('t'));
  const rerender = async (errors: Record<string, string>) =>
    renderPage(
      c,
      <TemplatesPage ui={uiOf(c)} rows={await listTemplates(deps.db, scope(viewer))} errors={{ id, errors }} />,
      422,
    );
  if (!form.ok) {
    if (!(await listTemplates(deps.db, scope(viewer))).some((r) => r.id === id)) notFound();
    return rerender(form.errors);
  }
  const result = await updateTemplate(deps.db, scope(viewer), id, form.data, deps.now());
  if (result === 'notFound') notFound();
  if (result === 'taken') return rerender({ startTime: c.get('t')('shifts.templates.taken') });
  setFlash(c, 'shifts.templates.saved');
  return redirectAfterPost(c, '/shifts/templates');
});
