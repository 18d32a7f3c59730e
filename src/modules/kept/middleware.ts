import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isPublicPath } from '../../auth/middleware.js';
import type { AppContext, AppEnv } from '../../lib/context.js';
import { isHttps, setFlash } from '../../lib/cookies.js';
import { redirectAfterPost } from '../../lib/render.js';
import { KEEP_MAX_BYTES, KEEP_MS, keepSubmission } from './service.js';

export const KEPT_COOKIE = 'sw_kept';
export const RESUME_PATH = '/resume';

export function keptId(c: AppContext): string | undefined {
  const id = getCookie(c, KEPT_COOKIE);
  return id && /^[a-z2-7]{20,64}$/.test(id) ? id : undefined;
}

/**
 * A form posted into an expired session is kept for the user the session named, and the browser goes to the login
 * page, which returns to /resume (decision 0162). It runs after the same-origin check, so nothing cross-site is
 * kept, and before `requireLogin`, which answers everything else as before.
 */
export const keepExpiredSubmission: MiddlewareHandler<AppEnv> = async (c, next) => {
  const userId = c.get('expiredUserId');
  const url = new URL(c.req.url);
  const form = c.req.header('content-type')?.startsWith('application/x-www-form-urlencoded');
  if (c.get('viewer') || userId === null || c.req.method !== 'POST' || !form || isPublicPath(url.pathname))
    return next();
  const body = await c.req.text();
  if (new TextEncoder().encode(body).length > KEEP_MAX_BYTES) return next();
  const { db, cipher, now, logger } = c.get('deps');
  const id = await keepSubmission({ db, cipher, userId, path: url.pathname + url.search, body, now: now() });
  setCookie(c, KEPT_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    maxAge: KEEP_MS / 1000,
  });
  logger.info('submission_kept', { userId, path: url.pathname });
  setFlash(c, 'kept.loginAgain');
  return redirectAfterPost(c, `/login?next=${encodeURIComponent(RESUME_PATH)}`);
};
