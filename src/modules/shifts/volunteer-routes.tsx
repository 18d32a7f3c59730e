import { Hono } from 'hono';
import { HoursPage } from '../../../views/pages/shifts/hours.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { createFeedToken, revokeFeedTokens, setOptOut } from '../calendar/feed.js';
import { serviceTotals } from './hours.js';
import { can } from './policy.js';
import { serviceRecord } from './queries.js';
import { currentVolunteer, renderMyShifts } from './routes.js';

/** A volunteer's own hours and calendar feed (certificates: src/modules/certificates) (always their own: the viewer picks the record). */
export const volunteerShiftRoutes = new Hono<AppEnv>();

volunteerShiftRoutes.get('/hours', async (c) => {
  authorize(c, can(viewerOf(c), 'browse'));
  const v = await currentVolunteer(c);
  const rows = v ? await serviceRecord(c.get('deps').db, v.id) : [];
  return renderPage(c, <HoursPage ui={uiOf(c)} totals={serviceTotals(rows)} />);
});

volunteerShiftRoutes.post('/calendar', async (c) => {
  authorize(c, can(viewerOf(c), 'browse'));
  const deps = c.get('deps');
  const v = await currentVolunteer(c);
  if (!v) notFound();
  const token = await createFeedToken({ db: deps.db, volunteerId: v.id, now: deps.now() });
  const origin = deps.config.publicUrl ?? new URL(c.req.url).origin;
  // Shown once, on this response: only the token's hash is stored.
  return renderMyShifts(c, v, `${origin}/calendar/${token}.ics`);
});

volunteerShiftRoutes.post('/calendar/revoke', async (c) => {
  authorize(c, can(viewerOf(c), 'browse'));
  const deps = c.get('deps');
  const v = await currentVolunteer(c);
  if (v) await revokeFeedTokens({ db: deps.db, volunteerId: v.id, now: deps.now() });
  setFlash(c, 'shifts.calendar.revoked');
  return redirectAfterPost(c, '/shifts/mine');
});

volunteerShiftRoutes.post('/notifications', async (c) => {
  authorize(c, can(viewerOf(c), 'browse'));
  const deps = c.get('deps');
  const v = await currentVolunteer(c);
  if (!v) notFound();
  const form = await readForm(c);
  await setOptOut({ db: deps.db, volunteerId: v.id, channel: 'sms', out: form.sms !== '1', now: deps.now() });
  setFlash(c, 'shifts.notifications.saved');
  return redirectAfterPost(c, '/shifts/mine');
});
