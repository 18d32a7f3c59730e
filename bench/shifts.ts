// npm run bench:shifts — a volunteer's upcoming-shifts page and the sign-up POST, next to a bare Hono hello-world
// measured in the same run, over the demo county with this month's and the next two months' service days.

import os from 'node:os';
import type autocannon from 'autocannon';
import { eq, isNull, sql } from 'drizzle-orm';
import * as s from '../src/db/schema/index.js';
import { loadConfig } from '../src/env.js';
import { serviceDaysJob } from '../src/jobs/service-days.js';
import { memoryLogger } from '../src/lib/logger.js';
import { benchApp, childServer } from './lib/app.js';
import { load, table } from './lib/http.js';
import { peakRssMiB, saveReport } from './lib/results.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 120);

const hello = await childServer(['hello']);
const baseline = await load('hello world (bare Hono)', hello.url, { seconds });
await hello.close();

const app = await benchApp('shifts');
const db = app.database.db;
const job = await serviceDaysJob.run({ db, now: new Date(), config: loadConfig({}), logger: memoryLogger() });

// Volunteer logins linked to demo volunteers (volunteers.user_id), spread over the county.
const demo = await db
  .select({ id: s.volunteers.id })
  .from(s.volunteers)
  .where(isNull(s.volunteers.userId))
  .limit(VOLUNTEERS);
const cookies: string[] = [];
for (const v of demo) {
  const cookie = await app.loginAs('volunteer');
  const [u] = await db.select({ id: s.users.id }).from(s.users).orderBy(sql`${s.users.id} desc`).limit(1);
  await db.update(s.volunteers).set({ userId: u.id }).where(eq(s.volunteers.id, v.id));
  cookies.push(cookie);
}
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const shiftIds = (
  await db
    .select({ id: s.shifts.id })
    .from(s.shifts)
    .where(sql`${s.shifts.date} >= ${today} and ${s.shifts.status} = 'open'`)
).map((r) => r.id);
const shiftCount = shiftIds.length;

let n = 0;
const page = await load('GET /shifts (volunteer, upcoming)', `${app.url}/shifts`, {
  seconds,
  requests: [
    {
      method: 'GET',
      path: '/shifts',
      setupRequest: (req: autocannon.Request) => ({
        ...req,
        headers: { ...req.headers, cookie: cookies[n++ % cookies.length] },
      }),
    },
  ],
});

// Each request a different (volunteer, shift) pair: a real sign-up (confirmed, or waitlisted once a shift is full).
let i = 0;
const signup = await load('POST /shifts/:id/signup (htmx)', app.url, {
  seconds,
  requests: [
    {
      method: 'POST',
      setupRequest: (req: autocannon.Request) => {
        const k = i++;
        const volunteer = k % cookies.length;
        const shift = shiftIds[Math.floor(k / cookies.length) % shiftCount];
        return {
          ...req,
          path: `/shifts/${shift}/signup`,
          body: 'waitlist=1',
          headers: {
            ...req.headers,
            cookie: cookies[volunteer],
            origin: app.url,
            'content-type': 'application/x-www-form-urlencoded',
            'hx-request': 'true',
          },
        };
      },
    },
  ],
});
const counts = await db
  .select({ status: s.shiftSignups.status, n: sql<number>`count(*)` })
  .from(s.shiftSignups)
  .groupBy(s.shiftSignups.status);
const overfull = await db.all<{ n: number }>(
  sql`select count(*) as n from shifts sh where (select count(*) from shift_signups x where x.shift_id = sh.id and x.status = 'confirmed') > sh.capacity`,
);
await app.close();

const pct = (r: { requestsPerSec: number }) => (100 * r.requestsPerSec) / baseline.requestsPerSec;
saveReport(
  'shifts',
  `${table([baseline, page, signup], baseline)}\n\n` +
    `Targets: upcoming page ≥ 25 % of hello-world (${pct(page).toFixed(1)} %: ${pct(page) >= 25 ? 'met' : 'NOT met'}), ` +
    `sign-up ≥ 10 % (${pct(signup).toFixed(1)} %: ${pct(signup) >= 10 ? 'met' : 'NOT met'}), zero errors (${page.errors + signup.errors + page.non2xx + signup.non2xx === 0 ? 'met' : 'NOT met'}).\n` +
    `Demo county (scale 1); service-days job: ${JSON.stringify({ shiftsAdded: job.shiftsAdded, serviceDaysAdded: job.serviceDaysAdded })}; ` +
    `${cookies.length} volunteer sessions rotating over ${shiftCount} upcoming shifts.\n` +
    `Sign-ups written: ${counts.map((c) => `${c.status} ${c.n}`).join(', ')}; shifts over capacity: ${overfull[0].n}.\n` +
    `Server and load generator in separate processes; 50 connections, ${seconds} s each, loopback.\n` +
    `Peak RSS: server ${app.peakRssMiB()} MiB, load generator ${peakRssMiB()} MiB.\n` +
    `Load average when done (other work shares these cores): ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')}. ` +
    `"errors" are autocannon errors plus requests unanswered within its 10 s timeout.`,
);
