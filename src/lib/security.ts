import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './context.js';

export const FORM_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 20 * 1024 * 1024;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS: [string, string][] = [
  ['Content-Security-Policy', CSP],
  // no-referrer would make browsers send `Origin: null` on same-origin posts and break the CSRF check.
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'DENY'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
  // Pages are personal: never cached. Static files override this with a long immutable lifetime.
  ['Cache-Control', 'no-store'],
];

/**
 * Headers on every response, errors and partials included; no inline or eval'd script is ever allowed.
 * They are set before the handler runs, as prepared headers every response made through the context carries:
 * setting them afterwards (as hono's secureHeaders does) makes @hono/node-server rebuild each response as a
 * full web Response, which measured at a third of the throughput.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
  await next();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State changes must come from our own pages, whatever the method and content type (hono's csrf() looks at form
 * content types only, so a JSON or bodiless POST without Origin passed): an Origin equal to ours (or PUBLIC_URL's),
 * or, when a browser sends no Origin, `Sec-Fetch-Site: same-origin`. Anything else is 403 before any handler runs.
 */
export function sameOrigin(publicUrl?: string): MiddlewareHandler<AppEnv> {
  const allowed = publicUrl ? new URL(publicUrl).origin : null;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const ok = origin
      ? origin === new URL(c.req.url).origin || origin === allowed
      : c.req.header('sec-fetch-site') === 'same-origin';
    if (!ok) throw new HTTPException(403, { message: 'csrf' });
    await next();
  };
}

const tooLarge = () => {
  throw new HTTPException(413, { message: 'too large' });
};
const formLimit = bodyLimit({ maxSize: FORM_LIMIT, onError: tooLarge });
const uploadLimit = bodyLimit({ maxSize: UPLOAD_LIMIT, onError: tooLarge });

/**
 * 1 MB for forms, 20 MB for spreadsheet uploads (multipart). Reads carry no body: they skip the check, because
 * touching `body` makes @hono/node-server build a full Request for every GET (measured: a third of the throughput).
 */
export const limitBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
  const multipart = (c.req.header('content-type') ?? '').startsWith('multipart/form-data');
  return (multipart ? uploadLimit : formLimit)(c, next);
};

// Any control character (tab, newline … which URL parsers strip) or a backslash (which browsers read as a slash).
const unsafePathChar = (s: string) =>
  [...s].some((ch) => ch === '\\' || ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
const BASE = 'http://shouwang.invalid';

/**
 * Only a path on our own site may be a redirect target. The target is resolved the way a browser would resolve
 * it (`new URL(target, origin)`) and must stay on the origin; control characters and backslashes are refused
 * outright, since parsers strip or reinterpret them (`/\t/evil.example` is `//evil.example` to a browser).
 * Answers the normalised path (path, query and fragment) or the fallback.
 */
export function safeLocalPath(target: string | undefined, fallback = '/'): string {
  if (!target?.startsWith('/') || unsafePathChar(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return url.pathname + url.search + url.hash;
}

/**
 * The client's address behind `hops` trusted proxies. Each proxy appends the address it received the request from
 * to X-Forwarded-For, so everything left of what our own proxies wrote came from the client and may be forged:
 * the client is the entry `hops` places from the right (the rightmost for one proxy), never the leftmost.
 */
export function forwardedClient(header: string | undefined, hops: number): string | undefined {
  if (hops < 1 || !header) return undefined;
  const entries = header
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) return undefined;
  return entries[Math.max(0, entries.length - hops)];
}

/** Builds the app's clientIp: the proxy-added address when proxies are trusted, else the socket's peer. */
export function clientAddress(
  config: { proxyHops: number },
  remote: (c: Context) => string | undefined,
): (c: Context) => string | undefined {
  return (c) => forwardedClient(c.req.header('x-forwarded-for'), config.proxyHops) ?? remote(c);
}
