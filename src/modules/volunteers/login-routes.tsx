import { Hono } from 'hono';
import { LoginSlipsPage } from '../../../views/pages/volunteers/slips.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { createVolunteerLogins } from './logins.js';
import { can, scope } from './policy.js';
import { volunteersByIds } from './queries.js';
import { loginsForm } from './schema.js';

/** Logins for volunteers already in the register: from the list (a selection) or a volunteer's page (one). */
export const volunteerLoginRoutes = new Hono<AppEnv>();

volunteerLoginRoutes.post('/logins', async (c) => {
  authorize(c, can(viewerOf(c), 'login'));
  const form = parseForm(loginsForm, await readForm(c), c.get('t'));
  if (form.ok) return issue(c, form.data.ids, form.data.reissue);
  const many = Array.isArray(form.values.ids) && form.values.ids.length > 200;
  setFlash(c, many ? 'vols.logins.tooMany' : 'vols.logins.none');
  return redirectAfterPost(c, '/volunteers');
});

volunteerLoginRoutes.post('/:id{[0-9]+}/login', async (c) => {
  authorize(c, can(viewerOf(c), 'login'));
  const form = parseForm(loginsForm, { ...(await readForm(c)), ids: c.req.param('id') }, c.get('t'));
  if (!form.ok) notFound();
  return issue(c, form.data.ids, form.data.reissue);
});

/**
 * Answers the slips page itself (200, never cached), not a redirect: the codes exist only in this response. Any id
 * outside the creator's volunteers Scope makes the whole request a 404, with nothing issued.
 */
async function issue(c: AppContext, ids: number[], reissue: boolean) {
  const deps = c.get('deps');
  const viewer = viewerOf(c);
  const rows = await volunteersByIds(deps.db, scope(viewer), ids);
  if (rows.length !== new Set(ids).size) notFound();
  const activateUrl = new URL('/activate', deps.config.publicUrl ?? c.req.url).href;
  const outcomes = await createVolunteerLogins({
    ...deps,
    actorUserId: viewer.id,
    rows,
    reissue,
    activateUrl,
    now: deps.now(),
  });
  c.header('Cache-Control', 'no-store');
  return renderPage(c, <LoginSlipsPage ui={uiOf(c)} outcomes={outcomes} activateUrl={activateUrl} />);
}
