// npm run bench:shifts — the volunteer's pages (home, upcoming shifts, today's visits) and the sign-up POST, next to
// a bare Hono hello-world and the logged-in floor (GET /healthz with a session cookie: the session lookup and a
// `select 1`) measured in the same run, over the demo county with this month's and the next two months' service
// days and a published visit list today for every bench volunteer.

import os from 'node:os';
import type autocannon from 'autocannon';
import { eq, isNull, sql } from 'drizzle-orm';
import { createApp } from '../src/app.js';
import { argon2Hasher } from '../src/auth/password.js';
import * as s from '../src/db/schema/index.js';
import { addDays, shanghaiInstant } from '../src/domain/dates.js';
import { DEFAULT_TIME_LIMIT_MS } from '../src/domain/matching/index.js';
import { loadConfig } from '../src/env.js';
import { serviceDaysJob } from '../src/jobs/service-days.js';
import { compressHtml } from '../src/lib/compress-html.js';
import { createLogger, memoryLogger } from '../src/lib/logger.js';
import { cipherFor } from '../src/lib/personal-data.js';
import { publish } from '../src/modules/plans/publish.js';
import { findPlan } from '../src/modules/plans/queries.js';
import { replan } from '../src/modules/plans/replan.js';
import { benchApp, childServer } from './lib/app.js';
import { type CpuResult, cpuPerRequest, cpuTable, serverCpuPerRequest } from './lib/cpu.js';
import { type LoadResult, load, table } from './lib/http.js';
import { BENCH_KEYS } from './lib/keys.js';
import { peakRssMiB, saveReport } from './lib/results.js';
import { pairAt, signupPlan } from './lib/signup-plan.js';

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
  .select({ id: s.volunteers.id, townshipId: s.volunteers.townshipId, skills: s.volunteers.skills })
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

// Today's visiting shift in each township of the bench volunteers, all of them confirmed on their township's,
// planned and published: /visits/today shows each a real list of households.
const stations = await db.select().from(s.organisations).where(eq(s.organisations.kind, 'station'));
await app.loginAs('county_admin');
const [adminUser] = await db.select({ id: s.users.id }).from(s.users).orderBy(sql`${s.users.id} desc`).limit(1);
let households = 0;
for (const townshipId of new Set(demo.map((v) => v.townshipId))) {
  const station = stations.find((o) => o.townshipId === townshipId);
  if (!station || townshipId === null) continue;
  const now = new Date();
  const [shift] = await db
    .insert(s.shifts)
    .values({
      organisationId: station.id,
      townshipId,
      title: '集中走访',
      date: today,
      startTime: '08:30',
      endTime: '17:00',
      startsAt: new Date(`${today}T08:30:00+08:00`),
      endsAt: new Date(`${today}T17:00:00+08:00`),
      capacity: VOLUNTEERS,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const mine = demo.filter((v) => v.townshipId === townshipId);
  await db.insert(s.shiftSignups).values(
    mine.map((v, k) => ({
      shiftId: shift.id,
      volunteerId: v.id,
      status: 'confirmed' as const,
      position: k + 1,
      createdAt: now,
      updatedAt: now,
    })),
  );
  const planShift = { id: shift.id, date: today, townshipId, title: shift.title, startTime: '08:30' };
  const { plan } = await replan(db, planShift, now, { timeLimitMs: DEFAULT_TIME_LIMIT_MS, clock: Date.now });
  households += plan.assignments.length;
  const record = await findPlan(db, shift.id);
  await publish(db, planShift, record!, adminUser.id, now);
}

// Each request a different volunteer's session, as on a service day.
const rotating = (name: string, path: string) => {
  let k = 0;
  return load(name, app.url + path, {
    seconds,
    requests: [
      {
        method: 'GET',
        path,
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          headers: { ...req.headers, cookie: cookies[k++ % cookies.length], 'accept-encoding': 'gzip, deflate, br' },
        }),
      },
    ],
  });
};
const floor = await rotating('GET /healthz (logged in: the floor)', '/healthz');
const home = await rotating('GET / (volunteer home)', '/');
const todayPage = await rotating('GET /visits/today (volunteer)', '/visits/today');

let n = 0;
const page = await load('GET /shifts (volunteer, upcoming)', `${app.url}/shifts`, {
  seconds,
  requests: [
    {
      method: 'GET',
      path: '/shifts',
      setupRequest: (req: autocannon.Request) => ({
        ...req,
        headers: { ...req.headers, cookie: cookies[n++ % cookies.length], 'accept-encoding': 'gzip, deflate, br' },
      }),
    },
  ],
});

// Sign-ups: each volunteer in turn takes their next shift of a plan that never overlaps a place they hold (the
// overlap rule refuses those, rightly), so every request is a real sign-up (confirmed, or waitlisted once full).
// The demo's service days hold too few distinct times for 10 s of sign-ups, so the bench adds one-hour shifts of one
// station, twelve a day for 60 days from tomorrow, after the pages above were measured (they do not see them).
const signupStation = stations.find((o) => o.townshipId === demo[0]?.townshipId) ?? stations[0];
const made = new Date();
const hourly = Array.from({ length: 60 * 12 }, (_, k) => {
  const date = addDays(today, 1 + Math.floor(k / 12));
  const hour = String(8 + (k % 12)).padStart(2, '0');
  const end = String(9 + (k % 12)).padStart(2, '0');
  return {
    organisationId: signupStation.id,
    townshipId: signupStation.townshipId!,
    title: '值班',
    date,
    startTime: `${hour}:00`,
    endTime: `${end}:00`,
    startsAt: shanghaiInstant(date, `${hour}:00`),
    endsAt: shanghaiInstant(date, `${end}:00`),
    capacity: 30,
    createdAt: made,
    updatedAt: made,
  };
});
for (let k = 0; k < hourly.length; k += 200) await db.insert(s.shifts).values(hourly.slice(k, k + 200));
const openShifts = await db
  .select({ id: s.shifts.id, startsAt: s.shifts.startsAt, endsAt: s.shifts.endsAt, skills: s.shifts.requiredSkills })
  .from(s.shifts)
  .where(sql`${s.shifts.date} >= ${today} and ${s.shifts.status} = 'open'`);
const held = await db
  .select({ volunteerId: s.shiftSignups.volunteerId, startsAt: s.shifts.startsAt, endsAt: s.shifts.endsAt })
  .from(s.shiftSignups)
  .innerJoin(s.shifts, eq(s.shifts.id, s.shiftSignups.shiftId))
  .where(sql`${s.shiftSignups.status} <> 'cancelled' and ${s.shifts.status} = 'open'`);
const ms = (d: Date) => d.getTime();
const plan = signupPlan(
  openShifts.map((o) => ({ id: o.id, startsAt: ms(o.startsAt), endsAt: ms(o.endsAt), requiredSkills: o.skills })),
  demo.map((v) => ({
    skills: v.skills,
    held: held.filter((x) => x.volunteerId === v.id).map((x) => ({ startsAt: ms(x.startsAt), endsAt: ms(x.endsAt) })),
  })),
  // Not a shift that begins while the bench runs (a begun shift refuses sign-ups).
  Date.now() + 10 * 60_000,
);
const pairs = plan.reduce((n, ids) => n + ids.length, 0);
let i = 0;
let exhausted = 0;
const signup = await load('POST /shifts/:id/signup (htmx)', app.url, {
  seconds,
  requests: [
    {
      method: 'POST',
      setupRequest: (req: autocannon.Request) => {
        const k = i++;
        // Past the plan's end a request repeats a sign-up (refused as "already"): counted, and said below.
        const pair = pairAt(plan, k) ?? { volunteer: k % plan.length, shiftId: plan[k % plan.length][0] };
        if (!pairAt(plan, k)) exhausted++;
        return {
          ...req,
          path: `/shifts/${pair.shiftId}/signup`,
          body: 'waitlist=1',
          headers: {
            ...req.headers,
            cookie: cookies[pair.volunteer],
            origin: app.url,
            'content-type': 'application/x-www-form-urlencoded',
            'hx-request': 'true',
            'accept-encoding': 'gzip, deflate, br',
          },
        };
      },
    },
  ],
});
// The floor again after the rows: the shared machine's speed drifts over the minute the rows take, so each row is
// compared with the mean of the floor measured before and after it (both printed).
const floorAfter = await rotating('GET /healthz (the floor, again after)', '/healthz');
const floorRate = (floor.requestsPerSec + floorAfter.requestsPerSec) / 2;

// The same requests against the server process, one at a time, counting only the server's CPU (from /proc): the
// real bundle behind @hono/node-server, so the HTTP layer is in and the load generator is out.
const headersFor = (k: number) => ({ cookie: cookies[k % cookies.length], 'accept-encoding': 'gzip, deflate, br' });
const served = (path: string) => (k: number) => ({ path, init: { headers: headersFor(k) } });
const serverFloor = await serverCpuPerRequest('GET /healthz (logged in: the floor)', app, served('/healthz'));
const serverRows = [
  serverFloor,
  await serverCpuPerRequest('GET / (volunteer home)', app, served('/')),
  await serverCpuPerRequest('GET /shifts (volunteer, upcoming)', app, served('/shifts')),
  await serverCpuPerRequest('GET /visits/today (volunteer)', app, served('/visits/today')),
  await serverCpuPerRequest('POST /shifts/:id/signup (htmx)', app, () => {
    const pair = pairAt(plan, i++) ?? { volunteer: 0, shiftId: plan[0][0] };
    return {
      path: `/shifts/${pair.shiftId}/signup`,
      init: {
        method: 'POST',
        body: 'waitlist=1',
        headers: {
          cookie: cookies[pair.volunteer],
          origin: app.url,
          'content-type': 'application/x-www-form-urlencoded',
          'hx-request': 'true',
          'accept-encoding': 'gzip, deflate, br',
        },
      },
    };
  }),
];

// The same requests in this process, one at a time, timed in CPU (not wall) time: on a shared machine a waiting
// process uses no CPU, so these ratios hold where the HTTP rows above swing with the neighbours' load.
const config = loadConfig({ ...BENCH_KEYS, LOG_LEVEL: 'error' });
const inProcess = createApp({
  db,
  now: () => new Date(),
  config,
  passwords: argon2Hasher,
  logger: createLogger('error'),
  cipher: cipherFor(config),
  clientIp: () => '127.0.0.1',
  compressHtml: compressHtml(),
});
const get = (path: string) => (k: number) =>
  new Request(`http://127.0.0.1${path}`, {
    headers: { cookie: cookies[k % cookies.length], 'accept-encoding': 'gzip, deflate, br' },
  });
const cpuFloor = await cpuPerRequest('GET /healthz (logged in: the floor)', inProcess.fetch, get('/healthz'));
const cpuRows = [
  cpuFloor,
  await cpuPerRequest('GET / (volunteer home)', inProcess.fetch, get('/')),
  await cpuPerRequest('GET /shifts (volunteer, upcoming)', inProcess.fetch, get('/shifts')),
  await cpuPerRequest('GET /visits/today (volunteer)', inProcess.fetch, get('/visits/today')),
  await cpuPerRequest('POST /shifts/:id/signup (htmx)', inProcess.fetch, () => {
    const pair = pairAt(plan, i++) ?? { volunteer: 0, shiftId: plan[0][0] };
    return new Request(`http://127.0.0.1/shifts/${pair.shiftId}/signup`, {
      method: 'POST',
      body: 'waitlist=1',
      headers: {
        cookie: cookies[pair.volunteer],
        origin: 'http://127.0.0.1',
        'content-type': 'application/x-www-form-urlencoded',
        'hx-request': 'true',
        'accept-encoding': 'gzip, deflate, br',
      },
    });
  }),
];
const counts = await db
  .select({ status: s.shiftSignups.status, n: sql<number>`count(*)` })
  .from(s.shiftSignups)
  .groupBy(s.shiftSignups.status);
const overfull = await db.all<{ n: number }>(
  sql`select count(*) as n from shifts sh where (select count(*) from shift_signups x where x.shift_id = sh.id and x.status = 'confirmed') > sh.capacity`,
);
await app.close();

const ofFloor = (r: { requestsPerSec: number }) => (100 * r.requestsPerSec) / floorRate;
const target = (r: LoadResult, min: number) =>
  `${r.name}: ${ofFloor(r).toFixed(0)} % of the floor (target ≥ ${min} %: ${ofFloor(r) >= min ? 'met' : 'NOT met'})`;
const all = [floor, home, page, todayPage, signup, floorAfter];
saveReport(
  'shifts',
  `${table([baseline, ...all], baseline)}\n\n` +
    `${cpuTable(serverRows, serverFloor).replace('in process, one at a time ', 'server process, one at a time')}\n\n` +
    `${cpuTable(cpuRows, cpuFloor)}\n\n` +
    `The floor: ${floor.requestsPerSec} req/s before the rows, ${floorAfter.requestsPerSec} after; the shares below are of their mean, ${floorRate.toFixed(0)} req/s.\n` +
    `${[target(home, 40), target(page, 40), target(todayPage, 40), target(signup, 30)].join('\n')}\n` +
    `In CPU per request (server process; in process): ${[
      [1, 40],
      [2, 40],
      [3, 40],
      [4, 30],
    ]
      .map(([k, min]) => {
        const share = (rows: CpuResult[]) => (100 * rows[0].cpuMs) / rows[k].cpuMs;
        const met = share(serverRows) >= min && share(cpuRows) >= min;
        return `${serverRows[k].name} ${share(serverRows).toFixed(0)} %; ${share(cpuRows).toFixed(0)} % (≥ ${min} %: ${met ? 'met' : 'NOT met'})`;
      })
      .join(', ')}.\n` +
    `Zero errors: ${all.every((r) => r.errors + r.non2xx === 0) ? 'met' : 'NOT met'}.\n` +
    `Demo county (scale 1); service-days job: ${JSON.stringify({ shiftsAdded: job.shiftsAdded, serviceDaysAdded: job.serviceDaysAdded })}; ` +
    `${cookies.length} volunteer sessions rotating over ${shiftCount} upcoming shifts; ${households} households on today's published lists.\n` +
    `Sign-up plan: ${pairs} (volunteer, shift) pairs that overlap nothing the volunteer holds (${hourly.length} one-hour shifts added for it after the pages were measured); ${Math.min(i, pairs)} sent (HTTP, then to the server process, then in process)${exhausted ? `, then ${exhausted} repeats past its end` : ''}.\n` +
    `Sign-ups written: ${counts.map((c) => `${c.status} ${c.n}`).join(', ')}; shifts over capacity: ${overfull[0].n}.\n` +
    `Server and load generator in separate processes; 50 connections, ${seconds} s each, loopback.\n` +
    `Server commits with synchronous=${process.env.BENCH_SYNCHRONOUS ?? 'FULL (the app as it runs)'}.\n` +
    `Peak RSS: server ${app.peakRssMiB()} MiB, load generator ${peakRssMiB()} MiB.\n` +
    `Load average when done (other engineers' tests and benches share these 2 cores: figures are noisy): ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')}. ` +
    `"errors" are autocannon errors plus requests unanswered within its 10 s timeout.`,
);
