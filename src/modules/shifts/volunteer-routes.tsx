import { Hono } from 'hono';
import { CertificatePage } from '../../../views/pages/shifts/certificate.js';
import { HoursPage } from '../../../views/pages/shifts/hours.js';
import { MyShiftsPage } from '../../../views/pages/shifts/mine.js';
import { businessDate } from '../../domain/dates.js';
import { authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppEnv } from '../../lib/context.js';
import { setFlash } from '../../lib/cookies.js';
import { attachment, CONTENT_TYPES } from '../../lib/download.js';
import { readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { createFeedToken, optedOut, revokeFeedTokens, setOptOut } from '../calendar/feed.js';
import { certificate, certificateDocx, serviceTotals } from './hours.js';
import { can } from './policy.js';
import { myShifts, serviceRecord } from './queries.js';
import { currentVolunteer } from './routes.js';

/** A volunteer's own hours, certificate and calendar feed (always their own: the viewer picks the record). */
export const volunteerShiftRoutes = new Hono<AppEnv>();

volunteerShiftRoutes.get('/hours', async (c) => {
  authorize(c, can(viewerOf(c), 'browse'));
  const v = await currentVolunteer(c);
  const rows = v ? await serviceRecord(c.get('deps').db, v.id) : [];
  return renderPage(c, <HoursPage ui={uiOf(c)} totals={serviceTotals(rows)} />);
});

async function ownCertificate(c: Parameters<typeof currentVolunteer>[0]) {
  authorize(c, can(viewerOf(c), 'browse'));
  const v = await currentVolunteer(c);
  if (!v) notFound();
  const rows = await serviceRecord(c.get('deps').db, v.id);
  return certificate(c.get('t'), v.name, businessDate(c.get('deps').now()), rows);
}

volunteerShiftRoutes.get('/certificate', async (c) =>
  renderPage(c, <CertificatePage ui={uiOf(c)} cert={await ownCertificate(c)} />),
);

// A GET: the download writes nothing (no audit row: it is the volunteer's own record).
volunteerShiftRoutes.get('/certificate.docx', async (c) => {
  const cert = await ownCertificate(c);
  c.header('Content-Type', CONTENT_TYPES.docx);
  c.header('Content-Disposition', attachment(`志愿服务记录证明-${cert.name}-${cert.issuedOn}.docx`));
  return c.body((await certificateDocx(c.get('t'), cert)) as Uint8Array<ArrayBuffer>);
});

volunteerShiftRoutes.post('/calendar', async (c) => {
  authorize(c, can(viewerOf(c), 'browse'));
  const deps = c.get('deps');
  const v = await currentVolunteer(c);
  if (!v) notFound();
  const token = await createFeedToken(deps.db, v.id, deps.now());
  const origin = deps.config.publicUrl ?? new URL(c.req.url).origin;
  const rows = await myShifts(deps.db, v.id);
  const now = deps.now().getTime();
  // Shown once, on this response: only the token's hash is stored.
  return renderPage(
    c,
    <MyShiftsPage
      ui={uiOf(c)}
      upcoming={rows.filter((r) => r.startsAt.getTime() > now).reverse()}
      past={rows.filter((r) => r.startsAt.getTime() <= now)}
      feedUrl={`${origin}/calendar/${token}.ics`}
      smsOptedOut={await optedOut(deps.db, v.id, 'sms')}
    />,
  );
});

volunteerShiftRoutes.post('/calendar/revoke', async (c) => {
  authorize(c, can(viewerOf(c), 'browse'));
  const deps = c.get('deps');
  const v = await currentVolunteer(c);
  if (v) await revokeFeedTokens(deps.db, v.id, deps.now());
  setFlash(c, 'shifts.calendar.revoked');
  return redirectAfterPost(c, '/shifts/mine');
});

volunteerShiftRoutes.post('/notifications', async (c) => {
  authorize(c, can(viewerOf(c), 'browse'));
  const deps = c.get('deps');
  const v = await currentVolunteer(c);
  if (!v) notFound();
  const form = await readForm(c);
  await setOptOut(deps.db, v.id, 'sms', form.sms !== '1', deps.now());
  setFlash(c, 'shifts.notifications.saved');
  return redirectAfterPost(c, '/shifts/mine');
});
