// npm run bench:http — the foundation's pages under load, next to a bare Hono hello-world in the same run.

import { benchApp, childServer } from './lib/app.js';
import { load, table } from './lib/http.js';
import { peakRssMiB, saveReport } from './lib/results.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const hello = await childServer(['hello']);
const baseline = await load('hello world (bare Hono)', hello.url, { seconds });
await hello.close();

const app = await benchApp('http');
const admin = await app.loginAs('county_admin');
const rows = [
  await load('GET /healthz', `${app.url}/healthz`, { seconds }),
  await load('GET /login (anonymous)', `${app.url}/login`, { seconds }),
  await load('GET / dashboard (admin)', `${app.url}/`, { seconds, headers: { cookie: admin } }),
  await load('GET /admin/users (admin)', `${app.url}/admin/users`, { seconds, headers: { cookie: admin } }),
];
await app.close();
saveReport(
  'http',
  `${table([baseline, ...rows], baseline)}\n\nServer and load generator in separate processes; 50 connections, ${seconds} s each, loopback.\n` +
    `Peak RSS: server ${app.peakRssMiB()} MiB, load generator ${peakRssMiB()} MiB.`,
);
