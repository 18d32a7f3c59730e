import { Hono } from 'hono';
import { ConfirmPage, ConfirmRow } from '../../../views/pages/care-units/mistap.js';
import { CallPage, CareDayPage, CareRow } from '../../../views/pages/care-units/today.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { parseForm, readForm } from '../../lib/form.js';
import { isHtmx, redirectAfterPost, renderPage, sendHtml, uiOf } from '../../lib/render.js';
import { callCaregiver, careDay, recordCareVisit } from './capture.js';
import { can, scope } from './policy.js';
import type { CaptureRow } from './queries.js';
import { type CaptureInput, captureForm } from './schema.js';

/** A 守望之家 member's day: every household due, one tap each, on one phone screen. */
export const captureRoutes = new Hono<AppEnv>();

/** The member's unit and scope, after authorizing: only a care_member bound to a unit gets here. */
function memberOf(c: AppContext) {
  authorize(c, can(viewerOf(c), 'capture'));
  const viewer = viewerOf(c);
  return { db: c.get('deps').db, scope: scope(viewer), unitId: viewer.organisationId as number, userId: viewer.id };
}

async function dayPage(c: AppContext, error?: string) {
  const ctx = memberOf(c);
  const on = businessDate(c.get('deps').now());
  const day = await careDay({ ...ctx, on });
  return renderPage(c, <CareDayPage ui={uiOf(c)} on={on} {...day} error={error} />, error ? 422 : 200);
}

captureRoutes.get('/', (c) => dayPage(c));

/** One tap: without JavaScript a 303 back to the day (at the row), with htmx just the row, recorded. */
captureRoutes.post('/', async (c) => {
  const ctx = memberOf(c);
  const t = c.get('t');
  const form = parseForm(captureForm, await readForm(c), t);
  if (!form.ok) return dayPage(c, Object.values(form.errors).join(' '));
  const { result, row } = await recordCareVisit({ ...ctx, input: form.data, now: c.get('deps').now() });
  if (result === 'bad_date') return dayPage(c, t('care.today.badDate'));
  if (result === 'not_found' || !row) notFound();
  if (result === 'confirm') return confirm(c, row, form.data);
  const today = businessDate(c.get('deps').now());
  if (isHtmx(c)) return sendHtml(c, <CareRow ui={uiOf(c)} r={row} on={form.data.on} today={today} />);
  setFlash(c, result === 'recorded' ? 'care.today.saved' : 'care.today.already');
  return redirectAfterPost(c, `/care#h-${row.id}`);
});

/** The caregiver's number of one of the unit's households: audited, then a page with a tappable tel: link. */
captureRoutes.post('/:rid{[0-9]+}/call', async (c) => {
  const ctx = memberOf(c);
  const deps = c.get('deps');
  const found = await callCaregiver({
    ...ctx,
    cipher: deps.cipher,
    recipientId: Number(c.req.param('rid')),
    now: deps.now(),
  });
  if (!found) notFound();
  return renderPage(c, <CallPage ui={uiOf(c)} name={found.name} mobile={found.mobile} />);
});

/** A death or a move posted without its confirmation (an old page, a crafted form): the question, nothing recorded. */
function confirm(c: AppContext, r: CaptureRow, input: CaptureInput) {
  const props = { ui: uiOf(c), r, on: input.on, outcome: input.outcome as 'deceased' | 'moved' };
  return isHtmx(c) ? sendHtml(c, <ConfirmRow {...props} />) : renderPage(c, <ConfirmPage {...props} />);
}
