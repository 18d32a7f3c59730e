// npm run bench:http — the foundation's pages under load, next to a bare Hono hello-world and the logged-in
// floor (GET /healthz with a session cookie: session lookup + `select 1`) in the same run; then the HTML
// compression choice (decision 0082): the same pages from servers that send HTML raw, through our zlib
// middleware (what the Node entry uses) and through hono/compress, all to a browser that accepts br and gzip.

import { get } from 'node:http';
import os from 'node:os';
import { resolve } from 'node:path';
import { BENCH_TMP, benchApp, childServer } from './lib/app.js';
import { type LoadResult, load, table } from './lib/http.js';
import { peakRssMiB, saveReport } from './lib/results.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
const hello = await childServer(['hello']);
const baseline = await load('hello world (bare Hono)', hello.url, { seconds });
await hello.close();

const app = await benchApp('http');
const admin = await app.loginAs('county_admin');
const volunteer = await app.loginAs('volunteer');
const station = await app.loginAs('station_staff', { townshipId: 1 });
const floor = await load('GET /healthz (logged in: the floor)', `${app.url}/healthz`, {
  seconds,
  headers: { cookie: volunteer },
});
const rows = [
  await load('GET /healthz', `${app.url}/healthz`, { seconds }),
  floor,
  await load('GET /login (anonymous)', `${app.url}/login`, { seconds, headers: BROWSER }),
  await load('GET / dashboard (admin)', `${app.url}/`, { seconds, headers: { cookie: admin, ...BROWSER } }),
  await load('GET /admin/users (admin)', `${app.url}/admin/users`, { seconds, headers: { cookie: admin, ...BROWSER } }),
];
await app.close();

// The HTML compression choice: one server per way of sending HTML, over the same database file.
const PAGES = [
  { name: '/ (volunteer)', path: '/', cookie: volunteer },
  { name: '/admin/users (admin)', path: '/admin/users', cookie: admin },
  { name: '/visits/overdue (station)', path: '/visits/overdue', cookie: station },
];
const compression: LoadResult[] = [];
const sizes: string[] = [];
for (const mode of ['off', 'zlib', 'hono'] as const) {
  process.env.BENCH_HTML = mode;
  const server = await childServer(['app', resolve(BENCH_TMP, 'http.db')]);
  for (const page of PAGES) {
    const headers = { cookie: page.cookie, ...BROWSER };
    const res = await fetch(server.url + page.path, { headers });
    // The bytes on the wire, before any decoding.
    const bytes = await new Promise<number>((done) =>
      get(server.url + page.path, { headers }, (r) => {
        let n = 0;
        r.on('data', (c: Buffer) => {
          n += c.length;
        });
        r.on('end', () => done(n));
      }),
    );
    sizes.push(
      `${mode.padEnd(4)} ${page.name}: ${res.status}, ${res.headers.get('content-encoding') ?? 'raw'}, ${bytes} B`,
    );
    compression.push(await load(`${page.name}, HTML ${mode}`, server.url + page.path, { seconds, headers }));
  }
  await server.close();
}

const pct = (r: LoadResult) => `${((100 * r.requestsPerSec) / floor.requestsPerSec).toFixed(0)} % of the floor`;
saveReport(
  'http',
  `${table([baseline, ...rows], baseline)}\n\n` +
    `HTML compression (decision 0082): "off" sends pages raw, "zlib" is src/lib/compress-html.ts (brotli q4 / gzip 6,\n` +
    `synchronous, on the finished page), "hono" is hono/compress (CompressionStream, streamed).\n\n` +
    `${table(compression, baseline)}\n\n` +
    `${compression.map((r) => `${r.name}: ${pct(r)}`).join('\n')}\n\nBytes on the wire per page:\n${sizes.join('\n')}\n\n` +
    `Server and load generator in separate processes; 50 connections, ${seconds} s each, loopback.\n` +
    `Peak RSS: server ${app.peakRssMiB()} MiB, load generator ${peakRssMiB()} MiB.\n` +
    `Load average when done (other engineers' tests and benches share these 2 cores: figures are noisy): ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')}.`,
);
