import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../lib/context.js';
import { clearSessionCookie, getSessionToken } from '../lib/cookies.js';
import { isHtmx } from '../lib/render.js';
import { checkSession, FIELD_IDLE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from './session.js';

/** Paths anyone may open; everything else needs a session. */
const PUBLIC_PREFIXES = [
  '/login',
  '/setup',
  '/healthz',
  '/static/',
  '/lang',
  '/join',
  '/activate',
  '/calendar',
  '/verify',
];

export function isPublicPath(path: string): boolean {
  return PUBLIC_PREFIXES.some((p) => path === p || (p.endsWith('/') ? path.startsWith(p) : path.startsWith(`${p}/`)));
}

/** 今日走访 keeps a longer idle window, with the same absolute limit (decision 0161). */
export function idleWindowFor(path: string): number {
  return path === '/visits/today' || path.startsWith('/visits/today/') ? FIELD_IDLE_TIMEOUT_MS : IDLE_TIMEOUT_MS;
}

/**
 * Reads the session cookie and sets the viewer; an invalid or expired cookie is cleared. A genuine but expired
 * session leaves its user's id as `expiredUserId`, for the submission keeper (src/auth/kept-submissions.ts).
 */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('viewer', null);
  c.set('sessionId', null);
  c.set('expiredUserId', null);
  const token = getSessionToken(c);
  if (token) {
    const { db, now } = c.get('deps');
    const check = await checkSession(db, token, now(), idleWindowFor(new URL(c.req.url).pathname));
    if (check?.kind === 'expired') c.set('expiredUserId', check.userId);
    const session = check?.kind === 'valid' ? check.session : null;
    if (session) {
      const u = session.user;
      c.set('sessionId', session.id);
      c.set('viewer', {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        townshipId: u.townshipId,
        organisationId: u.organisationId,
        locale: u.locale,
      });
    } else {
      clearSessionCookie(c);
    }
  }
  await next();
};

/** Anonymous visitors of non-public pages go to the login page (htmx requests via HX-Redirect). */
export const requireLogin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const path = new URL(c.req.url).pathname;
  if (c.get('viewer') || isPublicPath(path)) return next();
  const target =
    c.req.method === 'GET' ? `/login?next=${encodeURIComponent(path + new URL(c.req.url).search)}` : '/login';
  if (isHtmx(c)) {
    c.header('HX-Redirect', target);
    return c.body(null, 204);
  }
  return c.redirect(target, 302);
};

/**
 * Fails closed when a handler answered successfully without ever calling `authorize` or `allowPublic`:
 * forgetting authorization becomes a 500 in tests instead of a silent leak in production.
 */
export const enforceAuthorization: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('authorized', false);
  await next();
  const path = new URL(c.req.url).pathname;
  if (c.res.status < 400 && !c.get('authorized') && !path.startsWith('/static/')) {
    c.get('deps').logger.error('route_not_authorized', { method: c.req.method, path });
    c.res = c.text('route did not authorize', 500);
  }
};
