import { Hono } from 'hono';
import { ActivityDetailPage } from '../../../views/pages/ledger/detail.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { readForm } from '../../lib/form.js';
import type { MessageKey } from '../../lib/i18n/index.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { type CorrectionOutcome, reverseFromForm, voidFromForm } from './flows.js';
import { can } from './policy.js';
import { ledgerContext } from './request.js';

/** Corrections of the append-only ledger: 冲销 one line, 作废 a whole activity (decision 0176). */
export const activityCorrectionRoutes = new Hono<AppEnv>();

/** The answer to a correction: back to the activity with a flash, its page with the reason refused, or 404. */
function answer(c: AppContext, outcome: CorrectionOutcome, flash: MessageKey) {
  if (outcome.kind === 'missing') notFound();
  if (outcome.kind === 'done') {
    setFlash(c, flash);
    return redirectAfterPost(c, outcome.location);
  }
  const page = <ActivityDetailPage ui={uiOf(c)} detail={outcome.detail} canReverse errors={{ _form: outcome.error }} />;
  return renderPage(c, page, 422);
}

activityCorrectionRoutes.post('/:id{[0-9]+}/lines/:line{[0-9]+}/reverse', async (c) => {
  authorize(c, can(viewerOf(c), 'reverse'));
  const [activityId, lineId] = [Number(c.req.param('id')), Number(c.req.param('line'))];
  const outcome = await reverseFromForm({ ...ledgerContext(c), activityId, lineId, values: await readForm(c) });
  return answer(c, outcome, 'activities.reverseDone');
});

activityCorrectionRoutes.post('/:id{[0-9]+}/void', async (c) => {
  authorize(c, can(viewerOf(c), 'reverse'));
  const activityId = Number(c.req.param('id'));
  const outcome = await voidFromForm({ ...ledgerContext(c), activityId, values: await readForm(c) });
  return answer(c, outcome, 'activity.voided');
});
