import { Hono } from 'hono';
import { MemberSlipsPage } from '../../../views/pages/care-units/slips.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { createMemberLogins } from './logins.js';
import { can, scope } from './policy.js';
import { findUnit, membersByIds } from './queries.js';
import { memberLoginsForm } from './schema.js';

/** Logins for a unit's members by activation code: a selection from the members table, or one member's row. */
export const memberLoginRoutes = new Hono<AppEnv>();

memberLoginRoutes.post('/:id{[0-9]+}/logins', async (c) => {
  authorize(c, can(viewerOf(c), 'manage'));
  const form = parseForm(memberLoginsForm, await readForm(c), c.get('t'));
  if (form.ok) return issue(c, form.data.ids, form.data.reissue);
  const unitId = (await unitIdOf(c)) ?? notFound();
  setFlash(
    c,
    Array.isArray(form.values.ids) && form.values.ids.length > 200 ? 'care.logins.tooMany' : 'care.logins.none',
  );
  return redirectAfterPost(c, `/care-units/${unitId}`);
});

memberLoginRoutes.post('/:id{[0-9]+}/members/:mid{[0-9]+}/login', async (c) => {
  authorize(c, can(viewerOf(c), 'manage'));
  const form = parseForm(memberLoginsForm, { ...(await readForm(c)), ids: c.req.param('mid') }, c.get('t'));
  if (!form.ok) notFound();
  return issue(c, form.data.ids, form.data.reissue);
});

const unitIdOf = async (c: AppContext) =>
  (await findUnit(c.get('deps').db, scope(viewerOf(c)), Number(c.req.param('id'))))?.id;

/**
 * Answers the slips page itself (200, never cached), not a redirect: the codes exist only in this response. A unit
 * outside the viewer's Scope, or any id that is not a member of it, makes the whole request a 404, nothing issued.
 */
async function issue(c: AppContext, ids: number[], reissue: boolean) {
  const deps = c.get('deps');
  const unitId = (await unitIdOf(c)) ?? notFound();
  const rows = await membersByIds(deps.db, unitId, ids);
  if (rows.length !== ids.length) notFound();
  const activateUrl = new URL('/activate', deps.config.publicUrl ?? c.req.url).href;
  const ctx = { db: deps.db, cipher: deps.cipher, actorUserId: viewerOf(c).id, unitId, rows, reissue, activateUrl };
  const outcomes = await createMemberLogins({ ...ctx, now: deps.now() });
  c.header('Cache-Control', 'no-store');
  return renderPage(c, <MemberSlipsPage ui={uiOf(c)} unitId={unitId} outcomes={outcomes} activateUrl={activateUrl} />);
}
