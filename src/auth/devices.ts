import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../db/client.js';
import { loginDevices } from '../db/schema/index.js';
import type { AppEnv } from '../lib/context.js';
import { isHttps } from '../lib/cookies.js';
import { randomToken } from '../lib/tokens.js';
import type { Bucket } from './throttle.js';
import { THROTTLE_MAX_FAILURES } from './throttle.js';

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that logged in to an
 * account gets a random token; its next logins to that account are counted in the device's own bucket instead of
 * the account's and the address's, so a stranger's wrong passwords never lock the owner out on their own device.
 */
export const DEVICE_COOKIE = 'sw_device';
const DEVICE_LIFETIME_S = 180 * 24 * 3600;

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export function deviceToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, DEVICE_COOKIE);
}

/** The device bucket when this browser's cookie belongs to the account, else null (a browser new to it). */
export async function knownDevice(db: Db, token: string | undefined, userId: number | undefined) {
  if (!token || !userId || token.length > 64) return null;
  const row = await db
    .select({ id: loginDevices.id })
    .from(loginDevices)
    .where(and(eq(loginDevices.tokenHash, hashToken(token)), eq(loginDevices.userId, userId)))
    .get();
  return row ? { id: row.id, bucket: { key: `device:${row.id}`, limit: THROTTLE_MAX_FAILURES } as Bucket } : null;
}

/** Marks this browser as known to the user after a successful login: a fresh token, or the known one touched. */
export async function rememberDevice(db: Db, known: { id: number } | null, userId: number, now: Date) {
  if (known) {
    await db.update(loginDevices).set({ lastUsedAt: now }).where(eq(loginDevices.id, known.id));
    return null;
  }
  const token = randomToken(20);
  await db.insert(loginDevices).values({ tokenHash: hashToken(token), userId, createdAt: now, lastUsedAt: now });
  return token;
}

export function setDeviceCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c),
    maxAge: DEVICE_LIFETIME_S,
  });
}

export function clearDeviceCookie(c: Context<AppEnv>): void {
  deleteCookie(c, DEVICE_COOKIE, { path: '/', secure: isHttps(c) });
}
