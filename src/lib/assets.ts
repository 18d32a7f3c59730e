/**
 * Static files served at versioned paths (cacheable forever). The versions must match the installed
 * packages: a test compares them with node_modules, so an upgrade cannot serve a stale path.
 * Each file is also kept brotli- and gzip-compressed (built once: src/lib/node-assets.ts at start,
 * scripts/build-worker-assets.ts for Workers) and the copy is chosen by the request's Accept-Encoding.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';

export const ASSET_VERSIONS = { htmx: '4.0.1', pico: '2.1.1', app: '5' } as const;

export const ASSETS = {
  htmx: `/static/htmx-${ASSET_VERSIONS.htmx}/htmx.min.js`,
  pico: `/static/pico-${ASSET_VERSIONS.pico}/pico.min.css`,
  appCss: `/static/app-${ASSET_VERSIONS.app}/app.css`,
  appJs: `/static/app-${ASSET_VERSIONS.app}/app.js`,
  favicon: `/static/app-${ASSET_VERSIONS.app}/favicon.svg`,
} as const;

/** URL path → file inside the project (relative to the project root), for the Node static server and the Workers build. */
export const ASSET_FILES: Record<string, string> = {
  [ASSETS.htmx]: 'node_modules/htmx.org/dist/htmx.min.js',
  [ASSETS.pico]: 'node_modules/@picocss/pico/css/pico.min.css',
  [ASSETS.appCss]: 'public/app.css',
  [ASSETS.appJs]: 'public/app.js',
  [ASSETS.favicon]: 'public/favicon.svg',
};

export type Encoding = 'br' | 'gzip';
/** Preference order when the client accepts both equally: brotli is ≈ 10–15 % smaller on these files. */
export const ENCODINGS: readonly Encoding[] = ['br', 'gzip'];
/** The suffix of each encoded copy beside the file (Workers build). */
export const ENCODED_SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export function assetType(path: string): string {
  return TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';
}

/**
 * The best of our encodings the client accepts (RFC 9110 §12.5.3: q-values, `*`, `q=0` refuses), or null
 * for the file as it is. Ties go to the order of ENCODINGS.
 */
export function pickEncoding(acceptEncoding: string | null | undefined, available: readonly Encoding[] = ENCODINGS) {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const encoding of available) {
    const value = q.get(encoding) ?? q.get('*') ?? 0;
    if (value > bestQ) {
      best = encoding;
      bestQ = value;
    }
  }
  return best;
}

/** Headers of a versioned file: immutable, and varying by Accept-Encoding because the bytes do. */
export function assetHeaders(path: string, encoding: Encoding | null): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': assetType(path),
    'Cache-Control': 'public, max-age=31536000, immutable',
    Vary: 'Accept-Encoding',
  };
  if (encoding) headers['Content-Encoding'] = encoding;
  return headers;
}

/** What a Workers asset binding offers: `fetch` of a path inside the assets folder. */
export interface AssetFetcher {
  fetch(request: Request): Promise<Response>;
}

/**
 * Serves the versioned files from a Workers assets binding, picking the pre-compressed copy the client
 * accepts. The copy's bytes are already encoded: `encodeBody: 'manual'` tells workerd not to encode them again.
 */
export function fetchedAssets(assets: AssetFetcher): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (!ASSET_FILES[url.pathname]) return next();
    c.set('authorized', true);
    const encoding = pickEncoding(c.req.header('accept-encoding'));
    const file = new URL(url.pathname + (encoding ? ENCODED_SUFFIX[encoding] : ''), url.origin);
    const res = await assets.fetch(new Request(file));
    if (!res.ok) return next();
    return new Response(res.body, {
      status: 200,
      headers: assetHeaders(url.pathname, encoding),
      ...(encoding ? { encodeBody: 'manual' } : {}),
    } as ResponseInit);
  };
}
