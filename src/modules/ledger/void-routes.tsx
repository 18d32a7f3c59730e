import { Hono } from 'hono';
import { ActivityDetailPage } from '../../../views/pages/ledger/detail.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { can } from './policy.js';
import { findActivity } from './queries.js';
import { voidForm } from './schema.js';
import { voidActivity } from './void.js';

/** 作废: void an activity with a reason; `next=again` goes on to the form pre-filled from it (decision 0176). */
export const activityVoidRoutes = new Hono<AppEnv>();

activityVoidRoutes.post('/:id{[0-9]+}/void', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'reverse'));
  const { db, now } = c.get('deps');
  const id = Number(c.req.param('id'));
  const detail = await findActivity(db, viewer, id);
  if (!detail) notFound();
  const form = parseForm(voidForm, await readForm(c), c.get('t'));
  const refused = !form.ok
    ? Object.values(form.errors)[0]
    : detail.voided
      ? c.get('t')('activity.alreadyVoided')
      : null;
  if (!form.ok || refused)
    return renderPage(
      c,
      <ActivityDetailPage ui={uiOf(c)} detail={detail} canReverse errors={{ _form: refused ?? '' }} />,
      422,
    );
  const done = await voidActivity({ db, activityId: id, reason: form.data.reason, actorUserId: viewer.id, now: now() });
  if (!done.ok)
    return renderPage(
      c,
      <ActivityDetailPage
        ui={uiOf(c)}
        detail={(await findActivity(db, viewer, id))!}
        canReverse
        errors={{ _form: c.get('t')('activity.alreadyVoided') }}
      />,
      422,
    );
  setFlash(c, 'activity.voided');
  return redirectAfterPost(c, form.data.next === 'again' ? `/activities/new?from=${id}` : `/activities/${id}`);
});
