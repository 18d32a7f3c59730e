import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PackedHtml } from './compress-html.js';
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
  return sendPacked(c, pack(String(html)), status);
}

function sendPacked(c: AppContext, { body, encoding }: PackedHtml, status: ContentfulStatusCode) {
  c.header('Content-Type', 'text/html; charset=UTF-8');
  // The page differs by Accept-Encoding whether or not this one is compressed.
  c.header('Vary', 'Accept-Encoding', { append: true });
  if (encoding) c.header('Content-Encoding', encoding);
  return c.body(body, status);
}

/** Enough for every volunteer's list a few times over (≈ 3 KB compressed each); a full map is dropped whole. */
const REMEMBERED_MOST = 1000;
const remembered = new Map<string, PackedHtml>();

/**
 * A page that is a pure function of the request's `Ui` and of `data` (a text holding every value the page shows,
 * as read): sent from the bytes made the last time the same page was asked for in the same encoding, else rendered,
 * packed and remembered. Views are pure functions of their props, so the same props make the same bytes; rendering
 * and compressing were a third of the volunteers' list (decision 0246). A flash is part of what the page shows: a
 * message of the dictionary (takeFlash reads nothing else), so a page with one is remembered under it, while the
 * flash itself is still taken from its cookie once. Where the runtime does not pack (Workers compress at the edge),
 * the page is rendered every time.
 */
export function renderRememberedPage(
  c: AppContext,
  ui: Ui,
  data: string,
  page: () => JSX.Element,
  status: 200 | 422 = 200,
) {
  const pack = c.get('packHtml');
  if (!pack) return renderPage(c, page(), status);
  const how = `${c.req.method} ${c.req.header('accept-encoding') ?? ''}`;
  const key = [how, ui.locale, ui.path, JSON.stringify(ui.viewer), ui.flash ?? '', data].join('\u0001');
  let packed = remembered.get(key);
  if (!packed) {
    packed = pack(`<!DOCTYPE html>${String(page())}`);
    if (remembered.size >= REMEMBERED_MOST) remembered.clear();
    remembered.set(key, packed);
  }
  return sendPacked(c, packed, status);
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
