import { Hono } from 'hono';
import { DoubleAidPage } from '../../../views/pages/ledger/double-aid.js';
import { DoubleAidNotice } from '../../../views/partials/ledger/double-aid-notice.js';
import { authorize, viewerOf } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { renderPage, sendHtml, uiOf } from '../../lib/render.js';
import { doubleAidCheck, doubleAidPage } from './double-aid.js';
import { can } from './policy.js';
import { ledgerContext } from './request.js';

/** Double aid seen in time: the county list by month, and the activity form's check as households are ticked. */
export const doubleAidRoutes = new Hono<AppEnv>();

doubleAidRoutes.get('/', async (c) => {
  authorize(c, can(viewerOf(c), 'doubleAid'));
  const model = await doubleAidPage({ ...ledgerContext(c), month: c.req.query('month') });
  return renderPage(c, <DoubleAidPage ui={uiOf(c)} {...model} />, model.error ? 422 : 200);
});

/** htmx: the warning the form would give on submit, for what is chosen so far. */
doubleAidRoutes.get('/check', async (c) => {
  authorize(c, can(viewerOf(c), 'record'));
  const query = { ...c.req.query(), recipientIds: c.req.queries('recipientIds') ?? [] };
  const earlier = await doubleAidCheck({ ...ledgerContext(c), query });
  return sendHtml(
    c,
    String(<DoubleAidNotice ui={uiOf(c)} earlier={earlier} days={c.get('deps').config.doubleAidDays} />),
  );
});
