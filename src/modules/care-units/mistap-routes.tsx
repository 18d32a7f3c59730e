import { Hono } from 'hono';
import { ConfirmPage, ConfirmRow, UndoPage } from '../../../views/pages/care-units/mistap.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { parseForm, readForm } from '../../lib/form.js';
import { isHtmx, redirectAfterPost, renderPage, sendHtml, uiOf } from '../../lib/render.js';
import { mistapOf, undoMistap } from './mistap.js';
import { can, scope } from './policy.js';
import { captureHouseholds } from './queries.js';
import { confirmQuery, undoForm } from './schema.js';

/** A death or a move on a member's day: asked again before it is recorded, and undone the same day if mis-tapped. */
export const mistapRoutes = new Hono<AppEnv>();

function memberOf(c: AppContext) {
  authorize(c, can(viewerOf(c), 'capture'));
  const viewer = viewerOf(c);
  const deps = c.get('deps');
  const recipientId = Number(c.req.param('rid'));
  return { db: deps.db, scope: scope(viewer), unitId: viewer.organisationId as number, userId: viewer.id, recipientId };
}

/** The question (a page without JS, the row with htmx); the answer posts to /care with confirm=1. */
mistapRoutes.get('/:rid{[0-9]+}/confirm', async (c) => {
  const ctx = memberOf(c);
  const query = parseForm(confirmQuery, c.req.query(), c.get('t'));
  if (!query.ok) notFound();
  const [r] = await captureHouseholds({ ...ctx, on: query.data.on, only: ctx.recipientId });
  if (!r) notFound();
  const props = { ui: uiOf(c), r, ...query.data };
  return isHtmx(c) ? sendHtml(c, <ConfirmRow {...props} />) : renderPage(c, <ConfirmPage {...props} />);
});

mistapRoutes.get('/:rid{[0-9]+}/undo', async (c) => {
  const ctx = memberOf(c);
  const found = (await mistapOf({ ...ctx, now: c.get('deps').now() })) ?? notFound();
  const page = (
    <UndoPage ui={uiOf(c)} r={found.household} on={found.on} mistapped={found.visit.outcome as 'deceased'} />
  );
  return renderPage(c, page);
});

mistapRoutes.post('/:rid{[0-9]+}/undo', async (c) => {
  const ctx = memberOf(c);
  const form = parseForm(undoForm, await readForm(c), c.get('t'));
  if (!form.ok) notFound();
  if ((await undoMistap({ ...ctx, input: form.data, now: c.get('deps').now() })) === 'not_found') notFound();
  setFlash(c, 'care.undo.done');
  return redirectAfterPost(c, `/care#h-${ctx.recipientId}`);
});
