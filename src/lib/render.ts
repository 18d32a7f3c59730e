import type { JSX } from 'hono/jsx/jsx-runtime';
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
 * A handler that answers htmx with a fragment renders that fragment itself (`c.html(<Fragment/>)`).
 */
export function renderPage(
  c: AppContext,
  page: JSX.Element,
  status: 200 | 403 | 404 | 413 | 422 | 429 | 500 | 503 = 200,
) {
  const html = `<!DOCTYPE html>${String(page)}`;
  const res = c.html(html, status);
  renderedHtml.set(res, html);
  return res;
}

/**
 * The text of each page response renderPage made, so the HTML compression reads the string it already has instead
 * of draining the response's body stream again (with @hono/node-server that costs more than brotli itself).
 * Weak: an entry goes with its response.
 */
export const renderedHtml = new WeakMap<Response, string>();

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
