import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import { workerHasher } from '../../src/auth/password-worker.js';
import { bindingsToEnv, loadConfig } from '../../src/env.js';
import worker from '../../src/index.worker.js';
import { shanghaiCronToUtc } from '../../src/jobs/cron-utc.js';
import { JOBS } from '../../src/jobs/registry.js';
import { ROOT } from './wrangler.js';

const PW = 'correct horse battery';

describe('passwords on both runtimes', () => {
  test('Workers hash new passwords with scrypt in PHC form and verify them', async () => {
    const stored = await workerHasher.hash(PW);
    expect(stored).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await workerHasher.verify(stored, PW)).toBe(true);
    expect(await workerHasher.verify(stored, `${PW}!`)).toBe(false);
    expect(workerHasher.needsRehash(stored)).toBe(false);
    expect(stored).not.toBe(await workerHasher.hash(PW)); // salted
  });

  test('Workers verify argon2id hashes made by the Node server (plain JS) and ask to redo them as scrypt', async () => {
    const stored = await argon2Hasher.hash(PW);
    expect(await workerHasher.verify(stored, PW)).toBe(true);
    expect(await workerHasher.verify(stored, 'not the password')).toBe(false);
    expect(await workerHasher.verify(stored.replace('m=19456', 'm=999999'), PW)).toBe(false);
    expect(workerHasher.needsRehash(stored)).toBe(true);
  });

  test('the Node server verifies scrypt hashes made on Workers and asks to redo them as argon2id', async () => {
    const stored = await workerHasher.hash(PW);
    expect(await argon2Hasher.verify(stored, PW)).toBe(true);
    expect(await argon2Hasher.verify(stored, 'not the password')).toBe(false);
    expect(argon2Hasher.needsRehash(stored)).toBe(true);
  });

  test('a tampered or weak scrypt row is refused or flagged, never run with absurd parameters', async () => {
    const stored = await workerHasher.hash(PW);
    expect(await workerHasher.verify(stored.replace('ln=14', 'ln=30'), PW)).toBe(false);
    expect(await workerHasher.verify(stored.replace('ln=14', 'ln=13'), PW)).toBe(false);
    expect(workerHasher.needsRehash(stored.replace('ln=14', 'ln=10'))).toBe(true);
    expect(await workerHasher.verify('$scrypt$garbage', PW)).toBe(false);
    expect(await workerHasher.verify('', PW)).toBe(false);
  });
});

describe('cron triggers', () => {
  test('Shanghai schedules convert to UTC, a day earlier before 08:00', () => {
    expect(shanghaiCronToUtc('0 3 * * *')).toBe('0 19 * * *');
    expect(shanghaiCronToUtc('30 9 * * *')).toBe('30 1 * * *');
    expect(shanghaiCronToUtc('0 8 * * *')).toBe('0 0 * * *');
    expect(shanghaiCronToUtc('15 2 * * 1')).toBe('15 18 * * 0');
    expect(shanghaiCronToUtc('* * * * *')).toBe('* * * * *');
    expect(shanghaiCronToUtc('15 2 * * 0')).toBe('15 18 * * 6');
    expect(shanghaiCronToUtc('15 12 * * 0')).toBe('15 4 * * 0');
    expect(shanghaiCronToUtc('*/5 * * * *')).toBe('*/5 * * * *');
    expect(() => shanghaiCronToUtc('0 */2 * * *')).toThrow(/can be converted/);
    expect(() => shanghaiCronToUtc('0 3 1 * *')).toThrow(/can be converted/);
  });

  test("wrangler.toml's triggers are exactly the registry's jobs in UTC", () => {
    const toml = readFileSync(resolve(ROOT, 'wrangler.toml'), 'utf8');
    const block = /crons\s*=\s*\[([\s\S]*?)\]/.exec(toml)![1]!;
    const crons = [...block.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
    expect(crons).toEqual([...new Set(JOBS.map((j) => shanghaiCronToUtc(j.cron)))].sort());
  });
});

describe('configuration from Workers bindings', () => {
  test('text bindings go through the same loadConfig; D1 and asset bindings are ignored', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const config = loadConfig(
      bindingsToEnv({ DATA_KEY: key, LOG_LEVEL: 'warn', DB: { prepare() {} }, ASSETS: { fetch() {} } }),
    );
    expect(config.keys?.current).toBe(1);
    expect(config.keys?.keys.get(1)).toEqual(new Uint8Array(32).fill(9));
    expect(config.logLevel).toBe('warn');
    expect(() => loadConfig(bindingsToEnv({ DATA_KEY: Buffer.alloc(16).toString('base64') }))).toThrow(/32 bytes/);
    expect(() => loadConfig(bindingsToEnv({ LOG_LEVEL: 'loud' }))).toThrow();
  });

  test('without the DATA_KEY secret the Worker refuses to serve and says how to set it; there is no built-in key', async () => {
    expect(loadConfig({}).keys).toBeUndefined();
    const waits: Promise<unknown>[] = [];
    const ctx = { waitUntil: (p: Promise<unknown>) => waits.push(p) };
    const res = await worker.fetch(new Request('http://localhost/login'), { LOG_LEVEL: 'error' }, ctx);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('wrangler secret put DATA_KEY');
    const health = await worker.fetch(new Request('http://localhost/healthz'), {}, ctx);
    expect(health.status).toBe(503);
    expect(() => worker.scheduled({ cron: '0 19 * * *', scheduledTime: Date.now() }, {}, ctx)).toThrow(/DATA_KEY/);
  });
});
