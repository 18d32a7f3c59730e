import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { recipients, townships, villages } from '../../src/db/schema/index.js';
import { outputOf } from '../setup/cli.js';
import { ROOT, TMP_DIR } from '../setup/paths.js';
import { freePort } from '../setup/ports.js';
import { testIdNumber } from '../setup/registry.js';
import { HttpBrowser } from '../worker/http.js';

/** The operator's environment without any key: what `npm install && npm start` sees on a fresh machine. */
function keylessEnv(extra: Record<string, string>) {
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'error', ...extra };
  for (const k of ['DATA_KEY', 'DATA_KEY_VERSION', 'DATA_KEYS_PREVIOUS', 'DATA_LOOKUP_KEY', 'DATA_KEY_FILE'])
    delete env[k];
  return env;
}

/** A process of the repository's code under tsx, with exactly this environment. */
const run = (args: string[], env: Record<string, string | undefined>) =>
  outputOf(spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env }));

async function startServer(env: Record<string, string | undefined>) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/index.node.ts'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (log.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log.stderr += d.toString()));
  await expect.poll(() => log.stdout + log.stderr, { timeout: 60_000, interval: 100 }).toContain('is running at');
  return {
    base: `http://127.0.0.1:${port}`,
    log,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('close', r));
    },
  };
}

describe('no key in the source: the key file', () => {
  it('is generated on the first start (0600, announced on stdout), then the CLI and later starts use the same key', async () => {
    const dir = mkdtempSync(join(TMP_DIR, 'keyfile-'));
    const dbFile = join(dir, 'county.db');
    const keyFile = `${dbFile}.key`;
    const env = keylessEnv({ DATABASE_URL: `file:${dbFile}`, BACKUP_DIR: join(dir, 'backups') });

    const first = await startServer(env);
    let admin: HttpBrowser;
    try {
      expect(first.log.stdout).toContain(`A new data key was generated into ${keyFile} (mode 0600)`);
      expect(first.log.stdout).toContain('Back it up now');
      expect(first.log.stdout).toContain('DATA_KEY=');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      admin = new HttpBrowser(first.base);
      // First run takes the one-time setup token the console prints with the /setup link, a moment after it says
      // it is running (it first checks that no administrator exists).
      await expect
        .poll(() => first.log.stdout, { timeout: 30_000, interval: 50 })
        .toMatch(/\/setup\?token=[a-z0-9]+\n/);
      const setupToken = /\/setup\?token=([a-z0-9]+)/.exec(first.log.stdout)?.[1] ?? '';
      expect(setupToken).not.toBe('');
      const setup = await admin.post('/setup', {
        setupToken,
        displayName: '县管理员',
        username: 'admin',
        password: 'a long password',
        passwordConfirm: 'a long password',
      });
      expect(setup.status).toBe(303);
    } finally {
      await first.stop();
    }
    const keyText = readFileSync(keyFile, 'utf8');
    const ring = JSON.parse(keyText);
    expect(Object.keys(ring.keys)).toEqual(['1']);
    expect(Buffer.from(ring.keys['1'], 'base64')).toHaveLength(32);
    expect(ring.lookup).not.toBe(ring.keys['1']);

    // The CLI imports with the same key (no new one), and the server decrypts what it wrote.
    const database = await openDatabase(`file:${dbFile}`);
    const [tw] = await database.db.insert(townships).values({ name: '花石镇', createdAt: new Date() }).returning();
    await database.db.insert(villages).values({ townshipId: tw.id, name: '花石村', createdAt: new Date() });
    database.close();
    const id = testIdNumber('19410203', 135);
    const csv = join(dir, 'r.csv');
    writeFileSync(
      csv,
      `姓名,身份证号,乡镇,村(社区),供养方式,自理能力,供养机构,照料人,照料人电话,协议类型,协议签订日期\n周大伯,${id},花石镇,花石村,分散供养,半失能,,周小红,13800001111,四方,2026-03-05\n`,
    );
    const imported = await run(['src/cli.ts', 'import', 'recipients', csv], env);
    expect(imported.stderr).not.toContain('new data key');
    expect(JSON.parse(imported.stdout)).toMatchObject({ created: 1 });
    expect(readFileSync(keyFile, 'utf8')).toBe(keyText);

    const second = await startServer(env);
    try {
      expect(second.log.stdout).not.toContain('new data key');
      admin = new HttpBrowser(second.base);
      expect((await admin.post('/login', { username: 'admin', password: 'a long password' })).status).toBe(303);
      const db = await openDatabase(`file:${dbFile}`);
      const row = await db.db.select().from(recipients).where(eq(recipients.name, '周大伯')).get();
      db.close();
      const revealed = await admin.post(`/recipients/${row!.id}/reveal`, {});
      expect(revealed.status).toBe(200);
      const html = await revealed.text();
      expect(html).toContain(id);
      expect(html).toContain('13800001111');
    } finally {
      await second.stop();
    }
    expect(readFileSync(keyFile, 'utf8')).toBe(keyText);

    // A database that holds encrypted data never gets a fresh key: without its key file, nothing starts.
    rmSync(keyFile);
    const lost = await run(['src/cli.ts', 'export', 'recipients', join(dir, 'out.csv')], env);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain('already holds encrypted data');
    expect(existsSync(keyFile)).toBe(false);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  }, 120_000);
});
