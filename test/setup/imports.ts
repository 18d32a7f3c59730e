import { expect } from 'vitest';
import type { Browser } from './app.js';

/** The confirmation token an import preview carries. */
export const tokenIn = (html: string) => /name="token" value="([0-9a-f]+)"/.exec(html)?.[1];

/**
 * Every import's two steps over HTTP: uploads the sheet to the import page at `path`, expects its preview (200;
 * the page's start is the failure message), confirms with the preview's token (200); returns both pages.
 */
export async function importSheet(b: Browser, path: string, name: string, bytes: Uint8Array) {
  const res = await b.upload(path, name, bytes);
  const preview = await res.text();
  expect(res.status, preview.slice(0, 3000)).toBe(200);
  const confirmed = await b.post(`${path}/confirm`, { token: tokenIn(preview)! });
  const done = await confirmed.text();
  // The page's start says why, should the confirmation be refused.
  expect(confirmed.status, done.slice(0, 3000)).toBe(200);
  return { preview, done };
}
