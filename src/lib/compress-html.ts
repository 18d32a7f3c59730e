import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { type Encoding, pickEncoding } from './assets.js';
import type { AppContext, AppEnv } from './context.js';

const encoder = new TextEncoder();
/** For the few browsers without brotli: level 3 measured as cheap as level 1 here and smaller. */
const GZIP_LEVEL = 3;

/** Below this a page fits in one packet anyway; compressing it would cost CPU for nothing. */
export const HTML_THRESHOLD = 1024;

// Brotli quality 1: on the volunteer's pages (3–18 KB of HTML) 0.03–0.06 ms where quality 4 took 0.1–0.2 ms, for
// 15–22 % more bytes (a few hundred: 1.4–2.5 KB a page on the wire); qualities above 5 cost ten times more for a few
// per cent less (docs/decisions/0082, 0220).
const BROTLI = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};

/** A page's bytes as sent: compressed in `encoding`, or as they are (null). */
export interface PackedHtml {
  body: Uint8Array<ArrayBuffer>;
  encoding: Encoding | null;
}

/** The bytes of an HTML text for this request: compressed by its Accept-Encoding where that pays. */
function pack(c: AppContext, html: string): PackedHtml {
  const body = encoder.encode(html);
  const encoding = c.req.method === 'HEAD' ? null : pickEncoding(c.req.header('accept-encoding'));
  if (!encoding || body.byteLength < HTML_THRESHOLD) return { body, encoding: null };
  return { body: compress(body, encoding), encoding };
}

function compress(body: Uint8Array, encoding: Encoding): Uint8Array<ArrayBuffer> {
  const packed =
    encoding === 'br'
      ? brotliCompressSync(body, {
          ...BROTLI,
          params: { ...BROTLI.params, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
        })
      : gzipSync(body, { level: GZIP_LEVEL });
  return new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength) as Uint8Array<ArrayBuffer>;
}

/**
 * Compresses HTML per request (Node only: on Workers the platform compresses at the edge) by leaving its packer on
 * the context: pages and fragments go out through `sendHtml` (src/lib/render.ts), which packs them as they are made
 * into the one response sent (decision 0245; building a response of the text and then another of its compressed
 * bytes cost more than brotli). Synchronous zlib on the finished page: bench:http measured it (decision 0082).
 */
export function compressHtml(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('packHtml', (html) => pack(c, html));
    await next();
  };
}
