import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MiddlewareHandler } from 'hono';
import { ASSET_FILES } from './assets.js';
import type { AppEnv } from './context.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Serves the versioned asset map from the installed packages (read once, kept in memory). */
export function nodeAssets(): MiddlewareHandler<AppEnv> {
  const cache = new Map<string, Uint8Array>();
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const file = ASSET_FILES[path];
    if (!file) return next();
    c.set('authorized', true);
    let body = cache.get(path);
    if (!body) {
      body = new Uint8Array(await readFile(resolve(ROOT, file)));
      cache.set(path, body);
    }
    const ext = path.slice(path.lastIndexOf('.'));
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      // Versioned paths never change content.
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
  };
}
