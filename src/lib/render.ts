import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext } from './context.js';
import { takeFlash } from './cookies.js';
import type { Ui } from './ui.js';

/**
 * The props every page gets from the request: language, viewer, path and the pending flash. Reading the flash
 * clears its cookie, so call this once per response, for the page actually sent.
 */
export function uiOf(c: AppContext): Ui {
  return {
    t: c.get('t'),
    locale: c.get('locale'),
    viewer: c.get('viewer'),
    path: new URL(c.req.url).pathname,
    flash: takeFlash(c),
  };
}

/**
 * Renders a whole page with its doctype, for plain and htmx requests alike (htmx swaps what it targets out of it).
 * A handler that answers htmx with a fragment sends that fragment itself (`sendHtml(c, <Fragment/>)`).
 */
export function renderPage(
  c: AppContext,
  page: JSX.Element,
  status: 200 | 403 | 404 | 413 | 422 | 429 | 500 | 503 = 200,
) {
  return sendHtml(c, `<!DOCTYPE html>${String(page)}`, status);
}

/**
 * Sends HTML, compressed where the runtime asks us to (`compressHtml` on Node leaves its packer on the context):
 * the response is made once, from the bytes sent.
 */
export function sendHtml(c: AppContext, html: string | JSX.Element, status: ContentfulStatusCode = 200) {
  const pack = c.get('packHtml');
  if (!pack) return c.html(String(html), status);
  const { body, encoding } = pack(String(html));
  c.header('Content-Type', 'text/html; charset=UTF-8');
  // The page differs by Accept-Encoding whether or not this one is compressed.
  c.header('Vary', 'Accept-Encoding', { append: true });
  if (encoding) c.header('Content-Encoding', encoding);
  return c.body(body, status);
}

export function isHtmx(c: AppContext): boolean {
  return c.req.header('HX-Request') === 'true';
}

/** POST → 303 for plain forms; htmx follows HX-Redirect instead (a 303 would be swapped in place). */
export function redirectAfterPost(c: AppContext, location: string) {
  if (isHtmx(c)) {
    c.header('HX-Redirect', location);
    return c.body(null, 204);
  }
  return c.redirect(location, 303);
}

// Redirect targets are checked in security.ts, beside the other request-hardening rules.
export { safeLocalPath } from './security.js';
