import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { argon2Hasher } from '../../src/auth/password.js';
import { type Database, migrateDatabase, openDatabase } from '../../src/db/client.js';
import type { Role } from '../../src/db/schema/index.js';
import { countySize } from '../../src/demo/generate.js';
import { seedDemo } from '../../src/demo/seed.js';
import { loadConfig } from '../../src/env.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { createUser } from '../../src/modules/users/service.js';
import type { Listening } from './http.js';
import { BENCH_KEYS } from './keys.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChildServer extends Listening {
  /** The server's process id (a bench may read its CPU time from /proc). */
  pid: number;
  /** Peak resident memory of the server process, read when it stops. */
  peakRssMiB(): number;
  /** V8's heap and external memory at the sampled peak (bytes), read when it stops; null before. */
  readonly atPeak: { heapTotal: number; external: number; rss: number } | null;
}

let bundled: string | undefined;
/** bench/lib/serve.ts bundled as `npm start` bundles the server (scripts/build-node.mjs), built once per bench. */
function serverBundle(): string {
  if (!bundled) {
    bundled = resolve(BENCH_TMP, 'serve.mjs');
    execFileSync(process.execPath, ['scripts/build-node.mjs', 'bench/lib/serve.ts', bundled], { cwd: ROOT });
  }
  return bundled;
}

/**
 * Starts bench/lib/serve.ts in its own process (its own core) and waits for its URL. It runs as `npm start` runs the
 * server: plain node over the bundle; `loader: 'tsx'` runs the sources through tsx instead (bench:memory compares).
 */
export function childServer(
  args: string[],
  opts: { loader?: 'bundle' | 'tsx'; env?: NodeJS.ProcessEnv } = {},
): Promise<ChildServer> {
  // BENCH_PROFILE=dir writes a CPU profile of the server there when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const entry = opts.loader === 'tsx' ? ['--import', 'tsx', 'bench/lib/serve.ts'] : [serverBundle()];
  const child: ChildProcess = spawn(process.execPath, [...profile, ...entry, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...opts.env },
  });
  const lines = createInterface({ input: child.stdout! });
  let peak = 0;
  let atPeak: ChildServer['atPeak'] = null;
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { url?: string; maxRssKiB?: number; atPeak?: ChildServer['atPeak'] };
      if (msg.maxRssKiB) peak = Math.round(msg.maxRssKiB / 1024);
      if (msg.atPeak) atPeak = msg.atPeak;
      if (msg.url)
        resolvePromise({
          url: msg.url,
          pid: child.pid ?? 0,
          peakRssMiB: () => peak,
          get atPeak() {
            return atPeak;
          },
          close: () =>
            new Promise((done) => {
              child.on('close', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
  });
}

export const BENCH_TMP = resolve(dirname(fileURLToPath(import.meta.url)), '../tmp');

export interface BenchApp extends ChildServer {
  database: Database;
  /** Creates a user and returns the Cookie header of a logged-in session. */
  loginAs(role: Role, opts?: { townshipId?: number; organisationId?: number }): Promise<string>;
}

/** The real app on loopback over a fresh file database holding the demo county (scale 1 = Xiangtan). */
export async function benchApp(
  name: string,
  scale = 1,
  server: { loader?: 'bundle' | 'tsx'; env?: NodeJS.ProcessEnv } = {},
): Promise<BenchApp> {
  mkdirSync(BENCH_TMP, { recursive: true });
  const file = resolve(BENCH_TMP, `${name}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  const config = loadConfig({ ...BENCH_KEYS, LOG_LEVEL: 'error' });
  const cipher = cipherFor(config);
  await seedDemo({ db: database.db, cipher, now: new Date() }, { size: countySize(scale) });
  const child = await childServer(['app', file], server);
  let n = 0;
  return {
    ...child,
    // A spread copies the getter's value at creation; read through to the server's.
    get atPeak() {
      return child.atPeak;
    },
    database,
    async close() {
      await child.close();
      database.close();
    },
    async loginAs(role, opts = {}) {
      const username = `bench${role.replace('_', '')}${n++}`;
      await createUser(
        { db: database.db, passwords: argon2Hasher },
        { username, displayName: username, password: 'bench password', role, ...opts },
        new Date(),
      );
      const res = await fetch(`${child.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: child.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password: 'bench password' }),
      });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sw_session='));
      if (!cookie) throw new Error(`login failed for ${role}: ${res.status}`);
      return cookie.split(';')[0];
    },
  };
}
