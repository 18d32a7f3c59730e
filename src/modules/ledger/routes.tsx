import { Hono } from 'hono';
import { ActivityDetailPage } from '../../../views/pages/ledger/detail.js';
import { ActivitiesPage } from '../../../views/pages/ledger/list.js';
import { NewActivityPage } from '../../../views/pages/ledger/new.js';
import { AddLineButton, LineRow } from '../../../views/partials/ledger/line-row.js';
import { RecipientOptions } from '../../../views/partials/ledger/recipient-options.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, sendHtml, uiOf } from '../../lib/render.js';
import { doubleAidRoutes } from './double-aid-routes.js';
import { submitActivity } from './flows.js';
import { activitiesModel, idsOf, newActivityModel, pickRecipients } from './pages.js';
import { can } from './policy.js';
import { findActivity, formValuesOf } from './queries.js';
import { ledgerContext } from './request.js';
import { activityCorrectionRoutes } from './void-routes.js';

export const activityRoutes = new Hono<AppEnv>();

activityRoutes.get('/', async (c) => {
  authorize(c, can(viewerOf(c), 'list'));
  const model = await activitiesModel({ ...ledgerContext(c), query: c.req.query() });
  return renderPage(c, <ActivitiesPage ui={uiOf(c)} {...model} />);
});

activityRoutes.get('/new', async (c) => {
  authorize(c, can(viewerOf(c), 'record'));
  // `?from=<id>`: record a voided activity again, its values filled in (a wrong household is corrected so).
  const from = /^\d{1,9}$/.test(c.req.query('from') ?? '') ? Number(c.req.query('from')) : null;
  const ctx = ledgerContext(c);
  const values = from === null ? undefined : await formValuesOf(ctx.db, ctx.actor, from);
  if (from !== null && !values) notFound();
  const model = await newActivityModel({
    ...ctx,
    q: c.req.query('q'),
    values: values && { ...values, from: String(from) },
  });
  return renderPage(c, <NewActivityPage ui={uiOf(c)} {...model} />);
});

/** htmx: one more line row, and the "add line" button with the next index. */
activityRoutes.get('/line', async (c) => {
  authorize(c, can(viewerOf(c), 'record'));
  const index = Math.min(Number(c.req.query('index')) || 0, 99);
  const ui = uiOf(c);
  return sendHtml(
    c,
    String(
      <>
        <LineRow ui={ui} index={index} />
        <AddLineButton ui={ui} next={index + 1} oob />
      </>,
    ),
  );
});

/** htmx: recipients found by name within the viewer's scope; ticked ones stay. */
activityRoutes.get('/recipients', async (c) => {
  authorize(c, can(viewerOf(c), 'record'));
  const chosen = idsOf(c.req.queries('recipientIds'));
  const found = await pickRecipients({ ...ledgerContext(c), q: (c.req.query('q') ?? '').trim(), chosen });
  return sendHtml(c, String(<RecipientOptions ui={uiOf(c)} found={found} chosen={new Set(chosen)} />));
});

activityRoutes.post('/', async (c) => {
  authorize(c, can(viewerOf(c), 'record'));
  const outcome = await submitActivity({ ...ledgerContext(c), values: await readForm(c) });
  if (outcome.kind === 'again')
    return renderPage(c, <NewActivityPage ui={uiOf(c)} {...outcome.model} />, outcome.status);
  setFlash(c, 'activities.recorded');
  return redirectAfterPost(c, `/activities/${outcome.id}`);
});

activityRoutes.get('/:id{[0-9]+}', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'list'));
  const detail = await findActivity(c.get('deps').db, viewer, Number(c.req.param('id')));
  if (!detail) notFound();
  return renderPage(c, <ActivityDetailPage ui={uiOf(c)} detail={detail} canReverse={can(viewer, 'reverse')} />);
});

activityRoutes.route('/', activityCorrectionRoutes);
activityRoutes.route('/double-aid', doubleAidRoutes);
