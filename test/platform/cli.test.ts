import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { users } from '../../src/db/schema/index.js';
import { parseIdNumber } from '../../src/domain/id-number.js';
import { runCli } from '../setup/cli.js';
import { TMP_DIR } from '../setup/paths.js';

/** Runs the CLI exactly as an operator would (`npm run --silent cli -- …` runs `tsx src/cli.ts`). */
const cli = (args: string[], dbUrl: string, stdin = '') => runCli(args, { DATABASE_URL: dbUrl }, stdin);

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
  // seed --demo: test/ops/demo-county.test.ts runs it on a fresh database and checks what it made.
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
