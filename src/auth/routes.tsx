import { type Context, Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { AccountPage } from '../../views/pages/auth/account.js';
import { LoginPage } from '../../views/pages/auth/login.js';
import { SetupPage } from '../../views/pages/auth/setup.js';
import { allowPublic, authorize, viewerOf } from '../lib/authz.js';
import type { AppEnv } from '../lib/context.js';
import { clearSessionCookie, isHttps, setFlash, setSessionCookie } from '../lib/cookies.js';
import { type FieldErrors, type FormValues, parseForm, readForm } from '../lib/form.js';
import { translator } from '../lib/i18n/index.js';
import { redirectAfterPost, renderPage, uiOf } from '../lib/render.js';
import { safeLocalPath } from '../lib/security.js';
import { deviceToken, setDeviceCookie } from './devices.js';
import { changePasswordForm, localeForm, loginForm, setupForm } from './schemas.js';
import {
  type ChangePasswordResult,
  changePassword,
  createFirstAdmin,
  hasAdministrator,
  hasAnyUser,
  type LoginResult,
  login,
  rememberLocale,
} from './service.js';
import { deleteSession } from './session.js';
import { setupTokenMatches } from './setup-token.js';

export const LOCALE_COOKIE = 'sw_lang';

export const authRoutes = new Hono<AppEnv>();

authRoutes.get('/login', async (c) => {
  allowPublic(c);
  if (c.get('viewer')) return c.redirect('/', 302);
  if (!(await hasAnyUser(c.get('deps').db))) return c.redirect('/setup', 302);
  return renderPage(c, <LoginPage ui={uiOf(c)} next={safeLocalPath(c.req.query('next'), '')} />);
});

authRoutes.post('/login', async (c) => {
  allowPublic(c);
  const deps = c.get('deps');
  const form = parseForm(loginForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderPage(c, <LoginPage ui={uiOf(c)} values={form.values} errors={form.errors} />, 422);
  const ip = deps.clientIp?.(c) ?? 'unknown';
  const result = await login(deps, { ...form.data, ip, deviceToken: deviceToken(c) }, deps.now());
  const next = safeLocalPath(form.data.next);
  if (result.kind !== 'ok') return loginRefused(c, result, form.values, next, ip);
  await startSession(c, result);
  return redirectAfterPost(c, next);
});

/** A refused login comes back filled, with the reason (throttled: when to try again). */
function loginRefused(
  c: Context<AppEnv>,
  result: Exclude<LoginResult, { kind: 'ok' }>,
  values: FormValues,
  next: string,
  ip: string,
) {
  const t = c.get('t');
  if (result.kind === 'throttled') {
    c.header('Retry-After', String(result.retryAfter));
    const error = t('error.throttled.body', { minutes: Math.ceil(result.retryAfter / 60) });
    return renderPage(c, <LoginPage ui={uiOf(c)} values={values} error={error} next={next} />, 429);
  }
  c.get('deps').logger.warn(`login_${result.kind}`, { ip });
  const error = t(result.kind === 'pending' ? 'login.pending' : 'login.failed');
  return renderPage(c, <LoginPage ui={uiOf(c)} values={values} error={error} next={next} />, 422);
}

/** A cookie sent before login (possibly planted) is replaced; its session, if any, is ended. */
async function startSession(c: Context<AppEnv>, result: Extract<LoginResult, { kind: 'ok' }>) {
  const previous = c.get('sessionId');
  if (previous) await deleteSession(c.get('deps').db, previous);
  setSessionCookie(c, result.token);
  if (result.deviceToken) setDeviceCookie(c, result.deviceToken);
  c.get('deps').logger.info('login', { userId: result.userId });
}

authRoutes.post('/logout', async (c) => {
  allowPublic(c);
  const id = c.get('sessionId');
  if (id) await deleteSession(c.get('deps').db, id);
  clearSessionCookie(c);
  setFlash(c, 'login.loggedOut');
  return redirectAfterPost(c, '/login');
});

// First run asks for the one-time token printed on the server's console (or the SETUP_TOKEN secret): reaching a
// fresh deployment first is not enough to become its county administrator.
authRoutes.get('/setup', async (c) => {
  allowPublic(c);
  const deps = c.get('deps');
  if (await hasAdministrator(deps.db)) return c.redirect('/login', 302);
  const configured = !!deps.config.setupToken;
  // The console's link carries the token, so a newcomer who follows it finds it filled in.
  const token = c.req.query('token')?.slice(0, 200) ?? '';
  return renderPage(c, <SetupPage ui={uiOf(c)} configured={configured} values={{ setupToken: token }} />);
});

authRoutes.post('/setup', async (c) => {
  allowPublic(c);
  const deps = c.get('deps');
  if (await hasAdministrator(deps.db)) return c.redirect('/login', 303);
  const form = parseForm(setupForm, await readForm(c), c.get('t'));
  if (!form.ok) return setupPage(c, form.values, form.errors);
  if (!setupTokenMatches(deps.config.setupToken, form.data.setupToken)) {
    deps.logger.warn('setup_token_wrong', { ip: deps.clientIp?.(c) ?? 'unknown' });
    return setupPage(c, form.values, { setupToken: c.get('t')('setup.tokenWrong') });
  }
  const created = await createFirstAdmin(deps, form.data, deps.now());
  if (created === 'username_taken') return setupPage(c, form.values, { username: c.get('t')('username.taken') });
  if (created === 'created') deps.logger.info('first_admin_created', { username: form.data.username });
  if (created === 'created') setFlash(c, 'setup.done');
  return redirectAfterPost(c, '/login');
});

const setupPage = (c: Context<AppEnv>, values: FormValues, errors: FieldErrors) =>
  renderPage(
    c,
    <SetupPage ui={uiOf(c)} configured={!!c.get('deps').config.setupToken} values={values} errors={errors} />,
    422,
  );

/** Switches the language and remembers it (cookie, and on the account when logged in). */
authRoutes.post('/lang', async (c) => {
  allowPublic(c);
  const form = parseForm(localeForm, await readForm(c), c.get('t'));
  const locale = form.ok ? form.data.locale : 'zh';
  setCookie(c, LOCALE_COOKIE, locale, { path: '/', sameSite: 'Lax', secure: isHttps(c), maxAge: 365 * 24 * 3600 });
  const viewer = c.get('viewer');
  if (viewer) await rememberLocale(c.get('deps').db, viewer.id, locale);
  c.set('locale', locale);
  c.set('t', translator(locale));
  return redirectAfterPost(c, safeLocalPath(form.ok ? form.data.back : undefined));
});

authRoutes.get('/account', (c) => {
  authorize(c, !!c.get('viewer'));
  return renderPage(c, <AccountPage ui={uiOf(c)} />);
});

authRoutes.post('/account/password', async (c) => {
  const viewer = viewerOf(c);
  authorize(c, true);
  const deps = c.get('deps');
  const form = parseForm(changePasswordForm, await readForm(c), c.get('t'));
  if (!form.ok) return renderPage(c, <AccountPage ui={uiOf(c)} errors={form.errors} />, 422);
  const { currentPassword, newPassword } = form.data;
  const result = await changePassword(
    deps,
    { userId: viewer.id, current: currentPassword, next: newPassword },
    deps.now(),
  );
  if (result.kind !== 'ok') return passwordRefused(c, result);
  setSessionCookie(c, result.token);
  setFlash(c, 'account.passwordChanged');
  return redirectAfterPost(c, '/account');
});

function passwordRefused(c: Context<AppEnv>, result: Exclude<ChangePasswordResult, { kind: 'ok' }>) {
  const t = c.get('t');
  if (result.kind === 'wrong')
    return renderPage(c, <AccountPage ui={uiOf(c)} errors={{ currentPassword: t('account.currentWrong') }} />, 422);
  c.header('Retry-After', String(result.retryAfter));
  const error = t('account.throttled', { minutes: Math.ceil(result.retryAfter / 60) });
  return renderPage(c, <AccountPage ui={uiOf(c)} errors={{ currentPassword: error }} />, 429);
}
