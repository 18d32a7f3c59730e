import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { organisations, recipients, users, villages } from '../../src/db/schema/index.js';
import { parseIdNumber } from '../../src/domain/id-number.js';
import { ROOT, TMP_DIR } from '../setup/paths.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI exactly as an operator would (`npm run --silent cli -- …` runs `tsx src/cli.ts`). */
function cli(args: string[], dbUrl: string, stdin = ''): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: dbUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('command line', () => {
  it('creates a county admin with the password from stdin, on a database it creates and migrates', async () => {
    const url = `file:${resolve(TMP_DIR, `cli-${randomUUID()}.db`)}`;
    const run = await cli(
      ['user', 'create', '--role', 'county_admin', '--username', 'Admin', '--name', '县局'],
      url,
      'a long enough secret\n',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ username: 'admin', role: 'county_admin' });
    const db = await openDatabase(url);
    const rows = await db.db.select().from(users).all();
    db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0].displayName).toBe('县局');

    const again = await cli(
      ['user', 'create', '--role', 'county_admin', '--username', 'admin'],
      url,
      'a long enough secret\n',
    );
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('该用户名已被使用');

    const weak = await cli(['user', 'create', '--role', 'county_admin', '--username', 'other'], url, 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('密码至少 8 个字符');
  });

  it('prints usage and exits 2 for an unknown command', async () => {
    const run = await cli(['frobnicate'], `file:${resolve(TMP_DIR, `cli-${randomUUID()}.db`)}`);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage:');
  });

  it('seeds the demo county with the seed article figures, once', async () => {
    const url = `file:${resolve(TMP_DIR, `cli-${randomUUID()}.db`)}`;
    const run = await cli(['seed', '--demo'], url);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      townships: 17,
      villages: 351,
      organisations: 85,
      volunteers: 2000,
      recipients: 6241,
    });
    const db = await openDatabase(url);
    const all = await db.db.select().from(recipients).all();
    const homes = all.filter((r) => r.supportMode === 'home');
    expect(homes).toHaveLength(5201);
    expect(all.length - homes.length).toBe(1040);
    const kinds = await db.db.select({ kind: villages.kind }).from(villages).all();
    expect(kinds.filter((k) => k.kind === 'village')).toHaveLength(320);
    expect(kinds.filter((k) => k.kind === 'community')).toHaveLength(26);
    expect(kinds.filter((k) => k.kind === 'residents_committee')).toHaveLength(5);
    const orgs = await db.db.select().from(organisations).all();
    expect(orgs.filter((o) => o.kind === 'social_org')).toHaveLength(46);
    expect(orgs.filter((o) => o.kind === 'station')).toHaveLength(17);
    expect(orgs.filter((o) => o.kind === 'nursing_home')).toHaveLength(22);
    expect(orgs.filter((o) => o.kind === 'nursing_home' && o.regional)).toHaveLength(10);
    // ID numbers are stored encrypted and masked only; the masked form keeps a valid area code.
    expect(
      all.every((r) => !/\d{17}[\dX]/.test(r.idNumberEnc) && /^430321\*{8}\d{3}[\dX]$/.test(r.idNumberMasked)),
    ).toBe(true);
    db.close();

    const twice = await cli(['seed', '--demo'], url);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('not empty');
  }, 60_000);
});

describe('demo ID numbers', () => {
  it('are valid GB 11643 numbers whose gender digit matches', async () => {
    const { rng, demoIdNumber } = await import('../../src/demo/generate.js');
    const r = rng(7);
    for (let i = 0; i < 500; i++) {
      const gender = i % 2 ? 'M' : 'F';
      const parsed = parseIdNumber(demoIdNumber(r, 1930, 1975, gender));
      expect(parsed.ok && parsed.info.gender).toBe(gender);
    }
  });
});
