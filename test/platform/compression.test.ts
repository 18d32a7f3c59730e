import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_FILES, ASSETS, pickEncoding } from '../../src/lib/assets.js';
import { compressHtml } from '../../src/lib/compress-html.js';
import type { AppEnv } from '../../src/lib/context.js';
import { sendHtml } from '../../src/lib/render.js';
import { ROOT } from '../setup/paths.js';
import { type RunningServer, startServer } from '../setup/server.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** The bytes on the wire, not decoded (fetch would inflate them and hide what was sent). */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((done, fail) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail);
  });
}

const file = (url: string) => readFileSync(resolve(ROOT, ASSET_FILES[url]!));

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

describe('Accept-Encoding', () => {
  it('prefers brotli, honours q-values, * and q=0, and falls back to the file as it is', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0')).toBeNull();
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding('')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
    expect(pickEncoding('BR')).toBe('br');
    expect(pickEncoding('gzip, br', ['gzip'])).toBe('gzip');
  });
});

describe('static files on the Node server', () => {
  it('sends the brotli copy to a browser that accepts it, immutable and varying by Accept-Encoding', async () => {
    const res = await rawGet(server.url + ASSETS.pico, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    const original = file(ASSETS.pico);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(original.length / 5);
    expect(brotliDecompressSync(res.body).equals(original)).toBe(true);
  });

  it('sends gzip where brotli is not accepted, and the file itself where nothing is', async () => {
    const gz = await rawGet(server.url + ASSETS.htmx, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(file(ASSETS.htmx))).toBe(true);
    const plain = await rawGet(server.url + ASSETS.htmx, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.equals(file(ASSETS.htmx))).toBe(true);
    const none = await rawGet(server.url + ASSETS.appJs);
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body.equals(file(ASSETS.appJs))).toBe(true);
  });

  it('serves every versioned file in every encoding, each decoding to the installed file', async () => {
    for (const url of Object.keys(ASSET_FILES)) {
      const original = file(url);
      for (const [accept, decode] of [
        ['br', brotliDecompressSync],
        ['gzip', gunzipSync],
      ] as const) {
        const res = await rawGet(server.url + url, { 'accept-encoding': accept });
        expect(res.status, url).toBe(200);
        const sent = res.headers['content-encoding'] === accept ? decode(res.body) : res.body;
        expect(sent.equals(original), `${url} ${accept}`).toBe(true);
      }
    }
  });
});

describe('pages on the Node server', () => {
  it('compresses HTML for a browser that accepts it and says it varies', async () => {
    const br = await rawGet(`${server.url}/join`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('no-store');
    expect(br.headers['content-security-policy']).toContain("script-src 'self'");
    const html = brotliDecompressSync(br.body).toString('utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // The public sign-up page (with its privacy notice): a page of ordinary size, no login needed.
    expect(html).toContain('志愿者报名');

    const gz = await rawGet(`${server.url}/join`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(html);

    const plain = await rawGet(`${server.url}/join`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString('utf8')).toBe(html);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
  });

  it('leaves redirects and JSON alone', async () => {
    const redirect = await rawGet(`${server.url}/login`, { 'accept-encoding': 'br' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers['content-encoding']).toBeUndefined();
    const health = await rawGet(`${server.url}/healthz`, { 'accept-encoding': 'br' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString('utf8'))).toEqual({ status: 'ok' });
  });
});

describe('HTML answers', () => {
  // The same packer the Node entry installs, on a bare app: a page-sized fragment, a small one, and a HEAD.
  const app = new Hono<AppEnv>()
    .use('*', compressHtml())
    .get('/big', (c) => sendHtml(c, `<ul>${'<li>志愿者报名</li>'.repeat(200)}</ul>`))
    .get('/small', (c) => sendHtml(c, '<p>已报名</p>', 422));

  it('packs fragments as they are made: compressed when worth it, always varying by Accept-Encoding', async () => {
    const big = await app.request('/big', { headers: { 'accept-encoding': 'br' } });
    expect(big.headers.get('content-encoding')).toBe('br');
    expect(big.headers.get('vary')).toBe('Accept-Encoding');
    expect(big.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const html = brotliDecompressSync(Buffer.from(await big.arrayBuffer())).toString('utf8');
    expect(html).toBe(`<ul>${'<li>志愿者报名</li>'.repeat(200)}</ul>`);
    const gz = await app.request('/big', { headers: { 'accept-encoding': 'gzip' } });
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(html);
    const head = await app.request('/big', { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    expect(head.headers.get('content-encoding')).toBeNull();

    const small = await app.request('/small', { headers: { 'accept-encoding': 'br' } });
    expect(small.status).toBe(422);
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(small.headers.get('vary')).toBe('Accept-Encoding');
    expect(await small.text()).toBe('<p>已报名</p>');
  });

  it('go out through renderPage or sendHtml only (a bare c.html would skip the packer)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const bare = files(resolve(ROOT, 'src'))
      .filter((f) => !f.endsWith(join('lib', 'render.ts')))
      .filter((f) => /\bc\.html\(/.test(readFileSync(f, 'utf8')));
    expect(bare).toEqual([]);
  });
});
