import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { ASSET_FILES, assetHeaders, ENCODINGS, type Encoding, pickEncoding } from './assets.js';
import type { AppEnv } from './context.js';
import { projectRoot } from './project-root.js';

const ROOT = projectRoot(import.meta.url);
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** A file as it is and its encoded copies. */
export interface PreparedAsset {
  identity: Uint8Array;
  encoded: Record<Encoding, Uint8Array>;
}

/**
 * Compresses once at the highest settings: the files never change while the process runs, so the cost
 * (≈ 0.3 s for all of them, in zlib's thread pool) is paid at start and never per request.
 */
export async function compressAsset(identity: Uint8Array): Promise<PreparedAsset> {
  const [br, gz] = await Promise.all([
    brotli(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.byteLength,
      },
    }),
    gzipAsync(identity, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return { identity, encoded: { br: new Uint8Array(br), gzip: new Uint8Array(gz) } };
}

/** Reads and compresses every versioned file (started when the server is built, awaited by the first request). */
export async function prepareAssets(): Promise<Map<string, PreparedAsset>> {
  const entries = await Promise.all(
    Object.entries(ASSET_FILES).map(async ([path, file]) => {
      const identity = new Uint8Array(await readFile(resolve(ROOT, file)));
      return [path, await compressAsset(identity)] as const;
    }),
  );
  return new Map(entries);
}

/** Serves the versioned asset map from memory, in the encoding the client accepts. */
export function nodeAssets(): MiddlewareHandler<AppEnv> {
  const ready = prepareAssets();
  // A failure (a missing package file) surfaces on the request that needs the file, not as an unhandled rejection.
  ready.catch(() => undefined);
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (!ASSET_FILES[path]) return next();
    c.set('authorized', true);
    const asset = (await ready).get(path)!;
    // A copy no smaller than the file (a tiny icon) is not worth a Content-Encoding.
    const available = ENCODINGS.filter((e) => asset.encoded[e].byteLength < asset.identity.byteLength);
    const encoding = pickEncoding(c.req.header('accept-encoding'), available);
    const body = encoding ? asset.encoded[encoding] : asset.identity;
    return c.body(body as Uint8Array<ArrayBuffer>, 200, assetHeaders(path, encoding));
  };
}
