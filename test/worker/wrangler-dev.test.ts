import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { loadConfig } from '../../src/env.js';
import { ASSET_FILES, ASSETS } from '../../src/lib/assets.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { mobileColumns } from '../../src/modules/volunteers/mobile.js';
import { freePort } from '../setup/ports.js';
import { HttpBrowser, noKeepAlive } from './http.js';
import { offlineEnv, ROOT, WRANGLER } from './wrangler.js';

// The real app on workerd (wrangler dev) over a local D1 database migrated from the same migrations/
// folder as the Node server, driven over HTTP. No network: wrangler's telemetry and update checks are off.

const PASSWORD = 'correct horse battery';
// A real 32-byte key as a secret would be: loadConfig decodes it with Buffer under nodejs_compat.
const DATA_KEY = Buffer.alloc(32, 7).toString('base64');
// The Workers entry cannot print a first-run token (isolates share nothing): the secret is configured.
const SETUP_TOKEN = 'worker-setup-token-0123456789';
let persist: string;
let dev: ChildProcess;
let base: string;
const logs: string[] = [];

function wrangler(args: string[]): string {
  try {
    return execFileSync(process.execPath, [WRANGLER, ...args], {
      cwd: ROOT,
      env: offlineEnv(),
      stdio: 'pipe',
      timeout: 60_000,
    }).toString();
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(
      `wrangler ${args.slice(0, 2).join(' ')} failed: ${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`,
    );
  }
}

/** Runs SQL on the local D1 database and returns the rows. */
function d1(sql: string): Record<string, unknown>[] {
  const out = wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--json', '--command', sql]);
  const parsed = JSON.parse(out) as { results: Record<string, unknown>[] }[];
  return parsed.flatMap((p) => p.results);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}; wrangler said:\n${logs.join('')}`);
}

/**
 * workerd may close a kept-alive connection just as the next request goes out on it ("other side closed");
 * a scheduled trigger is idempotent, so it is sent again on a fresh connection.
 */
async function fetchRetrying(url: string) {
  try {
    return await undiciFetch(url, { dispatcher: noKeepAlive });
  } catch {
    await new Promise((r) => setTimeout(r, 300));
    return undiciFetch(url, { dispatcher: noKeepAlive });
  }
}

beforeAll(async () => {
  persist = mkdtempSync(join(tmpdir(), 'shouwang-d1-'));
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
  // Registry rows (their pages belong to another module): a township, a social organisation, a nursing home.
  d1(`INSERT INTO townships (name, created_at) VALUES ('易俗河镇', 0);
      INSERT INTO organisations (name, kind, township_id, created_at, updated_at) VALUES ('湘潭县爱心协会', 'social_org', NULL, 0, 0);
      INSERT INTO organisations (name, kind, township_id, created_at, updated_at) VALUES ('易俗河敬老院', 'nursing_home', 1, 0, 0);
      INSERT INTO organisations (name, kind, township_id, created_at, updated_at) VALUES ('易俗河镇社工站', 'station', 1, 0, 0);`);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dev = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '--local',
      '--test-scheduled',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      persist,
      '--show-interactive-dev-session=false',
      '--var',
      `DATA_KEY:${DATA_KEY}`,
      '--var',
      `SETUP_TOKEN:${SETUP_TOKEN}`,
    ],
    { cwd: ROOT, env: offlineEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  dev.stdout!.on('data', (d: Buffer) => logs.push(d.toString()));
  dev.stderr!.on('data', (d: Buffer) => logs.push(d.toString()));
  await waitFor('wrangler dev', async () => ((await fetch(`${base}/healthz`)).status === 200 ? true : undefined));
}, 100_000);

afterAll(async () => {
  // wrangler starts workerd as a child: end the whole group this test started.
  if (dev?.pid) {
    try {
      process.kill(-dev.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (persist) rmSync(persist, { recursive: true, force: true });
});

describe('the app on wrangler dev with a local D1 database', () => {
  test('first run, login, a user, an activity on the ledger, the scheduled job', async () => {
    const health = await (await fetch(`${base}/healthz`)).json();
    expect(health).toEqual({ status: 'ok' });
    const htmx = await fetch(`${base}/static/htmx-4.0.1/htmx.min.js`);
    expect(htmx.status).toBe(200);
    expect(await htmx.text()).toContain('htmx');
    // The Worker picks the copy built by scripts/build-worker-assets.ts; fetch inflates it, so the text is the file's.
    for (const encoding of ['br', 'gzip']) {
      const pico = await fetch(base + ASSETS.pico, { headers: { 'accept-encoding': encoding } });
      expect(pico.headers.get('content-encoding')).toBe(encoding);
      expect(pico.headers.get('vary')).toBe('Accept-Encoding');
      expect(pico.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(pico.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(await pico.text()).toBe(readFileSync(join(ROOT, ASSET_FILES[ASSETS.pico]!), 'utf8'));
    }

    const admin = new HttpBrowser(base);
    expect((await admin.get('/login')).headers.get('location')).toBe('/setup');
    expect(await (await admin.get('/setup')).text()).toContain('创建县民政局管理员');
    const setup = await admin.post('/setup', {
      setupToken: SETUP_TOKEN,
      displayName: '县局管理员',
      username: 'admin',
      password: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    expect(setup.status).toBe(303);
    expect(setup.headers.get('location')).toBe('/login');
    expect((await admin.post('/login', { username: 'admin', password: 'wrong password!' })).status).toBe(422);
    expect((await admin.post('/login', { username: 'admin', password: PASSWORD })).status).toBe(303);
    expect(await (await admin.get('/')).text()).toContain('您好，县局管理员');

    const created = await admin.post('/admin/users', {
      username: 'coord',
      displayName: '协会联络员',
      password: PASSWORD,
      role: 'org_coordinator',
      organisationId: '1',
    });
    expect(created.status).toBe(303);
    expect(await (await admin.get('/admin/users')).text()).toContain('协会联络员');

    const coord = new HttpBrowser(base);
    expect((await coord.post('/login', { username: 'coord', password: PASSWORD })).status).toBe(303);
    const recorded = await coord.post('/activities', {
      idempotencyKey: 'w'.repeat(24),
      organisationId: '1',
      occurredOn: '2026-11-24',
      kind: 'home_visit',
      nursingHomeIds: ['2'],
      lineKind: ['cash', 'goods'],
      lineAmount: ['200', '150.50'],
      lineGoodsName: ['', '大米'],
      lineQuantity: ['', '2'],
      lineUnit: ['', '袋'],
      lineServiceKind: ['', ''],
      lineHours: ['', ''],
      lineVolunteers: ['', ''],
    });
    expect(recorded.status).toBe(303);
    const page = await (await coord.get(recorded.headers.get('location')!)).text();
    expect(page).toContain('帮扶活动已记录。');
    expect(page).toContain('150.50');
    const list = await (await coord.get('/activities')).text();
    expect(list).toContain('易俗河敬老院');

    // A user whose password a Node server hashed (argon2id) logs in on Workers: the county moved, nobody resets.
    const fromNode = await argon2Hasher.hash(PASSWORD);
    d1(
      `INSERT INTO users (username, display_name, password_hash, role, locale, created_at) VALUES ('moved', '迁移用户', '${fromNode}', 'county_admin', 'zh', 0)`,
    );
    const moved = new HttpBrowser(base);
    expect((await moved.post('/login', { username: 'moved', password: 'wrong password!' })).status).toBe(422);
    expect((await moved.post('/login', { username: 'moved', password: PASSWORD })).status).toBe(303);
    expect(await (await moved.get('/')).text()).toContain('您好，迁移用户');

    // The scheduled handler, as the UTC cron trigger in wrangler.toml fires it (03:00 Shanghai).
    expect((await fetchRetrying(`${base}/__scheduled?cron=${encodeURIComponent('0 19 * * *')}`)).status).toBe(200);
    const line = await waitFor('the heartbeat job', () =>
      logs
        .join('')
        .split('\n')
        .find((l) => l.includes('"event":"job_done"') && l.includes('"job":"heartbeat"')),
    );
    expect(JSON.parse(line.slice(line.indexOf('{')))).toMatchObject({ job: 'heartbeat', users: 3 });

    // What the data became in D1: passwords hashed with scrypt (PHC), the ledger lines, and the
    // append-only triggers of migrations/0002 in force.
    const hashes = d1(`SELECT username, password_hash FROM users WHERE username <> 'moved' ORDER BY id`);
    expect(hashes.map((h) => h.username)).toEqual(['admin', 'coord']);
    for (const h of hashes)
      expect(h.password_hash).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]{43}$/);
    expect(d1('SELECT kind, amount_fen FROM ledger_lines ORDER BY id')).toEqual([
      { kind: 'cash', amount_fen: 20000 },
      { kind: 'goods', amount_fen: 15050 },
    ]);
    expect(() => d1('UPDATE ledger_lines SET amount_fen = 0')).toThrow(/ledger_append_only/);
    expect(d1('SELECT sum(amount_fen) AS total FROM ledger_lines')).toEqual([{ total: 35050 }]);
  }, 90_000);

  test('the service-days cron creates the 24th and 25th with the station shifts, and a volunteer signs up', async () => {
    // 00:05 Asia/Shanghai is 16:05 UTC the day before: the trigger wrangler.toml carries for service-days.
    expect((await fetchRetrying(`${base}/__scheduled?cron=${encodeURIComponent('5 16 * * *')}`)).status).toBe(200);
    await waitFor('the service-days job', () =>
      logs
        .join('')
        .split('\n')
        .find((l) => l.includes('"event":"job_done"') && l.includes('"job":"service-days"')),
    );
    const days = d1('SELECT date FROM service_days ORDER BY date').map((d) => String(d.date));
    expect(days).toHaveLength(6);
    expect(days.every((d) => d.endsWith('-24') || d.endsWith('-25'))).toBe(true);
    const shifts = d1("SELECT id, title FROM shifts WHERE status = 'open' ORDER BY date, starts_at");
    expect(shifts.length).toBeGreaterThan(0);

    // A volunteer of the township with a login (hashed by Node, as if registered before the move) takes a place.
    const hash = await argon2Hasher.hash(PASSWORD);
    // Its mobile in the stored form, under the worker's key (found at login by the keyed hash).
    const m = await mobileColumns(cipherFor(loadConfig({ DATA_KEY })), '13800000009');
    d1(`INSERT INTO users (username, display_name, password_hash, role, locale, created_at) VALUES ('volunteer-yi', '志愿者乙', '${hash}', 'volunteer', 'zh', 0);
        INSERT INTO volunteers (name, mobile_enc, mobile_hash, mobile_masked, key_version, township_id, skills, party_member, availability, status, user_id, created_at, updated_at)
        VALUES ('志愿者乙', '${m.mobileEnc}', '${m.mobileHash}', '${m.mobileMasked}', ${m.keyVersion}, 1, '[]', 0, 'both', 'active', (SELECT id FROM users WHERE username = 'volunteer-yi'), 0, 0);`);
    const volunteer = new HttpBrowser(base);
    expect((await volunteer.post('/login', { username: '13800000009', password: PASSWORD })).status).toBe(303);
    expect(await (await volunteer.get('/shifts')).text()).toContain(String(shifts[0].title));
    const taken = await volunteer.post(`/shifts/${shifts[0].id}/signup`, {});
    expect(taken.status).toBe(303);
    expect(d1(`SELECT status FROM shift_signups WHERE shift_id = ${shifts[0].id}`)).toEqual([{ status: 'confirmed' }]);
    expect(await (await volunteer.get('/shifts/mine')).text()).toContain(String(shifts[0].title));
  }, 60_000);

  test('imports registers of hundreds of rows on D1, whose statements take at most 100 parameters', async () => {
    const admin = new HttpBrowser(base);
    expect((await admin.post('/login', { username: 'admin', password: PASSWORD })).status).toBe(303);
    const importCsv = async (register: string, csv: string) => {
      const preview = await admin.upload(`/import/${register}`, `${register}.csv`, csv);
      const html = await preview.text();
      expect(preview.status, html.slice(0, 1500)).toBe(200);
      const token = /name="token" value="([0-9a-f]+)"/.exec(html)![1];
      const done = await admin.post(`/import/${register}/confirm`, { token });
      expect(done.status, (await done.text()).slice(0, 1500)).toBe(200);
    };
    const volunteers = Array.from(
      { length: 300 },
      (_, i) => `导入志愿者${i},1390000${String(i).padStart(4, '0')},云湖桥镇`,
    );
    await importCsv('volunteers', ['姓名,手机号,乡镇', ...volunteers].join('\n'));
    expect(d1("SELECT count(*) AS n FROM volunteers WHERE name LIKE '导入志愿者%'")).toEqual([{ n: 300 }]);
    const people = Array.from({ length: 150 }, (_, i) => {
      const first17 = `43032119${40 + (i % 50)}0101${String(100 + i).padStart(3, '0')}`;
      return `导入对象${i},${first17}${idCheckChar(first17)},云湖桥镇,分散供养,${['全自理', '半失能', '全失能'][i % 3]}`;
    });
    await importCsv('recipients', ['姓名,身份证号,乡镇,供养方式,自理能力', ...people].join('\n'));
    expect(d1("SELECT count(*) AS n FROM recipients WHERE name LIKE '导入对象%'")).toEqual([{ n: 150 }]);
    expect(
      d1("SELECT count(*) AS n FROM audit_log WHERE action = 'import' AND entity IN ('volunteer', 'recipient')"),
    ).toEqual([{ n: 450 }]);
    // The volunteers' export reads memberships for every row it lists (no list of ids bound as parameters).
    const exported = await admin.post('/export/volunteers/csv', {});
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain('导入志愿者299');
  }, 90_000);
});
