import type { MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './context.js';

export const FORM_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 20 * 1024 * 1024;

/** Headers on every response, errors and partials included. No inline or eval'd script is ever allowed. */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    objectSrc: ["'none'"],
  },
  // no-referrer would make browsers send `Origin: null` on same-origin posts and break the CSRF check.
  referrerPolicy: 'strict-origin-when-cross-origin',
  xFrameOptions: 'DENY',
  xContentTypeOptions: 'nosniff',
  crossOriginEmbedderPolicy: false,
});

/** Pages are personal: never cached. Versioned static files are cached for a year. */
export const cacheControl: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const path = new URL(c.req.url).pathname;
  if (path.startsWith('/static/') && c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  else c.header('Cache-Control', 'no-store');
};

/** State changes must come from our own pages (Origin or Sec-Fetch-Site), else 403. */
export function sameOrigin(publicUrl?: string): MiddlewareHandler<AppEnv> {
  const allowed = publicUrl ? new URL(publicUrl).origin : null;
  const check = csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === allowed });
  return async (c, next) => {
    let passed = false;
    try {
      await check(c, async () => {
        passed = true;
      });
    } catch (e) {
      if (!passed) throw new HTTPException(403, { message: 'csrf' });
      throw e;
    }
    await next();
  };
}

/** 1 MB for forms, 20 MB for spreadsheet uploads (multipart). */
export const limitBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  const multipart = (c.req.header('content-type') ?? '').startsWith('multipart/form-data');
  return bodyLimit({
    maxSize: multipart ? UPLOAD_LIMIT : FORM_LIMIT,
    onError: () => {
      throw new HTTPException(413, { message: 'too large' });
    },
  })(c, next);
};
