import { randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '../../src/app.js';
import { argon2Hasher } from '../../src/auth/password.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import type { Role } from '../../src/db/schema/index.js';
import { type Config, loadConfig } from '../../src/env.js';
import { compressHtml } from '../../src/lib/compress-html.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { resvgRasteriser } from '../../src/lib/raster-node.js';
import { clientAddress } from '../../src/lib/security.js';
import { createUser } from '../../src/modules/users/service.js';
import { TEST_KEYS } from './keys.js';
import { BASE_DB, TMP_DIR } from './paths.js';

export const ORIGIN = 'http://localhost';
/** The first-run token test apps are configured with (as an operator would set SETUP_TOKEN). */
export const SETUP_TOKEN = 'test-setup-token-0123456789';

/** A settable clock: tests move time instead of waiting. */
export class FakeClock {
  constructor(public current = new Date('2026-11-24T02:00:00Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
}

/** A fresh copy of the migrated base database, as a real file. */
export async function freshDatabase(): Promise<{ database: Database; path: string }> {
  const path = resolve(TMP_DIR, `${randomUUID()}.db`);
  copyFileSync(BASE_DB, path);
  const database = await openDatabase(`file:${path}`);
  return { database, path };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  database: Database;
  dbPath: string;
  clock: FakeClock;
  config: Config;
  logger: ReturnType<typeof memoryLogger>;
  ip: { value: string };
}

export async function createTestApp(
  env: Record<string, string | undefined> = {},
  // The socket's peer address: given, the app derives the client from it and X-Forwarded-For as the Node entry does.
  opts: { remote?: string } = {},
): Promise<TestApp> {
  const { database, path } = await freshDatabase();
  const clock = new FakeClock();
  const config = loadConfig({ SETUP_TOKEN, ...TEST_KEYS, ...env });
  const logger = memoryLogger();
  const ip = { value: '192.0.2.1' };
  const app = createApp({
    db: database.db,
    now: clock.now,
    config,
    passwords: argon2Hasher,
    logger,
    cipher: cipherFor(config),
    clientIp: opts.remote ? clientAddress(config, () => opts.remote) : () => ip.value,
    rasterise: resvgRasteriser,
    // As the Node entry runs it: pages are packed (uncompressed for a request that accepts no encoding).
    compressHtml: compressHtml(),
  });
  return { app, database, dbPath: path, clock, config, logger, ip };
}

/** A cookie-keeping client over app.request(), posting same-origin forms like a browser. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly t: TestApp) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async get(path: string, headers: Record<string, string> = {}) {
    return this.keep(await this.t.app.request(ORIGIN + path, { headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Posts a file as the import pages' file input does (multipart, field `file`), same-origin. */
  async upload(path: string, name: string, bytes: Uint8Array) {
    const form = new FormData();
    form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
    return this.keep(
      await this.t.app.request(ORIGIN + path, {
        method: 'POST',
        body: form,
        headers: { origin: ORIGIN, cookie: this.cookieHeader() },
      }),
    );
  }

  async post(path: string, form: Record<string, string | string[]> = {}, headers: Record<string, string> = {}) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.keep(
      await this.t.app.request(ORIGIN + path, {
        method: 'POST',
        body,
        headers: {
          origin: ORIGIN,
          'content-type': 'application/x-www-form-urlencoded',
          cookie: this.cookieHeader(),
          ...headers,
        },
      }),
    );
  }
}

export const PASSWORD = 'correct horse battery';

/** Creates a user straight through the service and returns a logged-in browser for them. */
export async function loginAs(
  t: TestApp,
  role: Role,
  opts: { username?: string; townshipId?: number; organisationId?: number } = {},
): Promise<{ browser: Browser; userId: number }> {
  const username = opts.username ?? `${role.replace('_', '')}${Math.floor(Math.random() * 1e9)}`;
  const created = await createUser(
    { db: t.database.db, passwords: argon2Hasher },
    {
      username,
      displayName: `测试${role}`,
      password: PASSWORD,
      role,
      townshipId: opts.townshipId,
      organisationId: opts.organisationId,
    },
    t.clock.now(),
  );
  if (!created.ok) throw new Error('user exists');
  const browser = new Browser(t);
  const res = await browser.post('/login', { username, password: PASSWORD });
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return { browser, userId: created.id };
}
