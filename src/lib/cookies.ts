import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE } from '../auth/session.js';
import type { AppContext } from './context.js';
import { dictionaries, type MessageKey } from './i18n/index.js';

/** Secure cookies whenever the request reached us over https (directly or, when trusted, via a proxy). */
export function isHttps(c: AppContext): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.get('deps').config.trustProxy && c.req.header('x-forwarded-proto') === 'https';
}

export function setSessionCookie(c: AppContext, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c),
    maxAge: Math.floor(ABSOLUTE_TIMEOUT_MS / 1000),
  });
}

export function clearSessionCookie(c: AppContext): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
}

export function getSessionToken(c: AppContext): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

const FLASH_COOKIE = 'sw_flash';

/** Leaves a one-time message (a dictionary key) for the next page the browser opens. */
export function setFlash(c: AppContext, key: MessageKey): void {
  setCookie(c, FLASH_COOKIE, key, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c), maxAge: 60 });
}

export function takeFlash(c: AppContext): string | null {
  const key = getCookie(c, FLASH_COOKIE);
  if (!key) return null;
  deleteCookie(c, FLASH_COOKIE, { path: '/' });
  return key in dictionaries.zh ? c.get('t')(key as MessageKey) : null;
}
