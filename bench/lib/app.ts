import { type ChildProcess, spawn } from 'node:child_process';
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
  /** Peak resident memory of the server process, read when it stops. */
  peakRssMiB(): number;
}

/** Starts bench/lib/serve.ts in its own process (its own core) and waits for its URL. */
export function childServer(args: string[]): Promise<ChildServer> {
  // BENCH_PROFILE=dir writes a CPU profile of the server there when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/lib/serve.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  let peak = 0;
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    lines.on('line', (line) => {
      const msg = JSON.parse(line) as { url?: string; maxRssKiB?: number };
      if (msg.maxRssKiB) peak = Math.round(msg.maxRssKiB / 1024);
      if (msg.url)
        resolvePromise({
          url: msg.url,
          peakRssMiB: () => peak,
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
export async function benchApp(name: string, scale = 1): Promise<BenchApp> {
  mkdirSync(BENCH_TMP, { recursive: true });
  const file = resolve(BENCH_TMP, `${name}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  const config = loadConfig({ ...BENCH_KEYS, LOG_LEVEL: 'error' });
  const cipher = cipherFor(config);
  await seedDemo({ db: database.db, cipher, now: new Date() }, { size: countySize(scale) });
  const server = await childServer(['app', file]);
  let n = 0;
  return {
    ...server,
    database,
    async close() {
      await server.close();
      database.close();
    },
    async loginAs(role, opts = {}) {
      const username = `bench${role.replace('_', '')}${n++}`;
      await createUser(
        { db: database.db, passwords: argon2Hasher },
        { username, displayName: username, password: 'bench password', role, ...opts },
        new Date(),
      );
      const res = await fetch(`${server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password: 'bench password' }),
      });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sw_session='));
      if (!cookie) throw new Error(`login failed for ${role}: ${res.status}`);
      return cookie.split(';')[0];
    },
  };
}
