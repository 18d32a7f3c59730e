import { Hono } from 'hono';
import { ActivatePage } from '../../../views/pages/activation/activate.js';
import { deviceToken, knownDevice, rememberDevice, setDeviceCookie } from '../../auth/devices.js';
import { deleteSession } from '../../auth/session.js';
import { allowPublic } from '../../lib/authz.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { setFlash, setSessionCookie } from '../../lib/cookies.js';
import { type FormValues, parseForm, readForm } from '../../lib/form.js';
import { redirectAfterPost, renderPage, uiOf } from '../../lib/render.js';
import { landingAfterActivation } from '../care-units/policy.js';
import { activateForm } from './schema.js';
import { type RedeemResult, redeemActivation } from './service.js';

export const activationRoutes = new Hono<AppEnv>();

// Public: whoever holds a code has no login yet.
activationRoutes.get('/', (c) => {
  allowPublic(c);
  return renderPage(c, <ActivatePage ui={uiOf(c)} values={{ login: c.req.query('login')?.slice(0, 64) ?? '' }} />);
});

activationRoutes.post('/', async (c) => {
  allowPublic(c);
  const deps = c.get('deps');
  const form = parseForm(activateForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderPage(c, <ActivatePage ui={uiOf(c)} values={form.values} errors={form.errors} />, 422);
  const ip = deps.clientIp?.(c) ?? 'unknown';
  const result = await redeemActivation({ ...deps, ...form.data, ip, now: deps.now() });
  if (result.kind !== 'ok') return activationRefused(c, result, { login: form.data.login }, ip);
  await startSession(c, result);
  setFlash(c, 'activate.done');
  return redirectAfterPost(c, landingAfterActivation(result.role));
});

/** A refused code comes back with the login kept and the reason (throttled: when to try again). */
function activationRefused(
  c: AppContext,
  result: Exclude<RedeemResult, { kind: 'ok' }>,
  values: FormValues,
  ip: string,
) {
  const t = c.get('t');
  if (result.kind === 'throttled') {
    c.header('Retry-After', String(result.retryAfter));
    const error = t('error.throttled.body', { minutes: Math.ceil(result.retryAfter / 60) });
    return renderPage(c, <ActivatePage ui={uiOf(c)} values={values} error={error} />, 429);
  }
  c.get('deps').logger.warn('activation_refused', { ip });
  return renderPage(c, <ActivatePage ui={uiOf(c)} values={values} error={t('activate.refused')} />, 422);
}

/** Replaces any session the browser had with the activated user's, and remembers this phone as their device. */
async function startSession(c: AppContext, result: { userId: number; token: string }) {
  const deps = c.get('deps');
  const previous = c.get('sessionId');
  if (previous) await deleteSession(deps.db, previous);
  setSessionCookie(c, result.token);
  const known = await knownDevice(deps.db, deviceToken(c), result.userId);
  const device = await rememberDevice(deps.db, known, result.userId, deps.now());
  if (device) setDeviceCookie(c, device);
  deps.logger.info('activation_redeemed', { userId: result.userId });
}
