import { Hono } from 'hono';
import { CertificatePage } from '../../../views/pages/certificates/certificate.js';
import { ChooseCertificatePage } from '../../../views/pages/certificates/choose.js';
import { IssueForPage } from '../../../views/pages/certificates/issue-for.js';
import { VerifyPage } from '../../../views/pages/certificates/verify.js';
import { normaliseSerial } from '../../domain/certificate.js';
import { allowPublic, authorize, notFound, viewerOf } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { attachment, CONTENT_TYPES } from '../../lib/download.js';
import { readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { currentVolunteer } from '../shifts/routes.js';
import { certificateDocx } from './docx.js';
import { issueForPage, issueOnBehalf } from './on-behalf.js';
import { certificatePage, choosePage, type VerifyCheck, verifyCheck } from './pages.js';
import { can, scope } from './policy.js';
import { findCertificate } from './queries.js';
import { issueOwn } from './service.js';

/** A volunteer's certificates: choose an organisation, issue, open, download. */
export const certificateChoiceRoutes = new Hono<AppEnv>();
export const certificateRoutes = new Hono<AppEnv>();
/** The public check by serial (throttled per address). */
export const verifyRoutes = new Hono<AppEnv>();

const verifyUrl = (c: AppContext, serial: string) =>
  `${c.get('deps').config.publicUrl ?? new URL(c.req.url).origin}/verify/${serial}`;

async function ownVolunteer(c: AppContext) {
  authorize(c, can(viewerOf(c), 'issueOwn'));
  const v = await currentVolunteer(c);
  if (!v) notFound();
  return v;
}

certificateChoiceRoutes.get('/', async (c) => {
  const v = await ownVolunteer(c);
  return renderPage(c, <ChooseCertificatePage ui={uiOf(c)} {...(await choosePage(c.get('deps').db, v.id))} />);
});

certificateChoiceRoutes.post('/', async (c) => {
  const volunteer = await ownVolunteer(c);
  const { db, now } = c.get('deps');
  const { organisationId } = await readForm(c);
  const ctx = { db, now: now(), t: c.get('t'), actor: viewerOf(c), volunteer, organisationId };
  const result = await issueOwn(ctx);
  if (result.ok) return redirectAfterPost(c, `/certificates/${result.certificate.serial}`);
  const page = await choosePage(db, volunteer.id);
  return renderPage(
    c,
    <ChooseCertificatePage ui={uiOf(c)} {...page} error={c.get('t')('certificates.noService')} />,
    422,
  );
});

/** Staff: the volunteers of their reach with confirmed hours, login or not, each a certificate to issue. */
certificateRoutes.get('/issue', async (c) => {
  authorize(c, can(viewerOf(c), 'issueFor'));
  const q = (c.req.query('q') ?? '').trim().slice(0, 50);
  const model = await issueForPage({ db: c.get('deps').db, actor: viewerOf(c), q });
  return renderPage(c, <IssueForPage ui={uiOf(c)} {...model} />);
});

certificateRoutes.post('/issue', async (c) => {
  authorize(c, can(viewerOf(c), 'issueFor'));
  const { db, now } = c.get('deps');
  const ctx = { db, t: c.get('t'), now: now(), actor: viewerOf(c) };
  const outcome = await issueOnBehalf({ ...ctx, values: await readForm(c) });
  if (outcome.kind === 'missing') notFound();
  if (outcome.kind === 'issued') return redirectAfterPost(c, `/certificates/${outcome.serial}`);
  const error = ctx.t(outcome.kind === 'invalid' ? 'certificates.for.invalid' : 'certificates.for.noService');
  const page = await issueForPage({ db, actor: ctx.actor, q: '' });
  return renderPage(c, <IssueForPage ui={uiOf(c)} {...page} error={error} />, 422);
});

async function visibleCertificate(c: AppContext, serial: string) {
  const viewer = viewerOf(c);
  authorize(c, can(viewer, 'view'));
  const volunteer = viewer.role === 'volunteer' ? await currentVolunteer(c) : null;
  const cert = await findCertificate(c.get('deps').db, scope(viewer, volunteer?.id ?? null), serial);
  return cert ?? notFound();
}

certificateRoutes.get('/:file{[0-9A-Z-]+\\.docx}', async (c) => {
  const serial = c.req.param('file').replace(/\.docx$/, '');
  const cert = await visibleCertificate(c, serial);
  c.header('Content-Type', CONTENT_TYPES.docx);
  c.header(
    'Content-Disposition',
    attachment(`志愿服务记录证明-${cert.volunteerName}-${cert.organisationName}-${serial}.docx`),
  );
  return c.body((await certificateDocx(c.get('t'), cert, verifyUrl(c, serial))) as Uint8Array<ArrayBuffer>);
});

certificateRoutes.get('/:serial', async (c) => {
  const cert = await visibleCertificate(c, c.req.param('serial'));
  return renderPage(
    c,
    <CertificatePage ui={uiOf(c)} {...certificatePage(c.get('t'), cert, verifyUrl(c, cert.serial))} />,
  );
});

verifyRoutes.get('/', (c) => {
  allowPublic(c);
  const typed = c.req.query('serial');
  if (typed === undefined || typed.trim() === '') return renderPage(c, <VerifyPage ui={uiOf(c)} />);
  const serial = normaliseSerial(typed);
  if (serial) return c.redirect(`/verify/${serial}`, 303);
  return renderPage(
    c,
    <VerifyPage ui={uiOf(c)} typed={typed} message={c.get('t')('certificates.verify.badSerial')} />,
    422,
  );
});

verifyRoutes.get('/:serial', async (c) => {
  allowPublic(c);
  const deps = c.get('deps');
  const ip = deps.clientIp?.(c) ?? 'unknown';
  const check = await verifyCheck({ db: deps.db, now: deps.now(), serial: c.req.param('serial'), ip });
  if (check.kind === 'found') return renderPage(c, <VerifyPage ui={uiOf(c)} found={check.found} />);
  return verifyRefused(c, check);
});

/** A serial not found (404) or too many checks from the address (429, with when to try again). */
function verifyRefused(c: AppContext, check: Exclude<VerifyCheck, { kind: 'found' }>) {
  const t = c.get('t');
  if (check.kind === 'throttled') c.header('Retry-After', String(check.retryAfter));
  const message =
    check.kind === 'throttled'
      ? t('certificates.verify.throttled', { minutes: Math.ceil(check.retryAfter / 60) })
      : t('certificates.verify.notFound', { serial: check.serial });
  return renderPage(
    c,
    <VerifyPage ui={uiOf(c)} typed={check.serial} message={message} />,
    check.kind === 'throttled' ? 429 : 404,
  );
}
