import { type ChildProcess, spawn } from 'node:child_process';
import { fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from '../setup/ports.js';
import { offlineEnv, ROOT, WRANGLER } from './wrangler.js';

// Decision 0053's premise, checked on workerd (wrangler dev): HiGHS loads and solves in a Worker through
// src/lib/milp-highs.ts, but its interrupt callbacks need run-time WebAssembly, which workerd refuses.
let dev: ChildProcess;
let base: string;
const logs: string[] = [];

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dev = spawn(
    process.execPath,
    [WRANGLER, 'dev', '--config', 'test/worker/highs-probe/wrangler.toml', '--ip', '127.0.0.1', '--port', String(port)],
    { cwd: ROOT, env: offlineEnv(), stdio: 'pipe' },
  );
  dev.stdout?.on('data', (d) => logs.push(String(d)));
  dev.stderr?.on('data', (d) => logs.push(String(d)));
  const end = Date.now() + 90_000;
  for (;;) {
    try {
      await undiciFetch(`${base}/__ping`);
      break;
    } catch {
      if (Date.now() > end) throw new Error(`wrangler dev did not start:\n${logs.join('')}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}, 120_000);

afterAll(() => {
  dev?.kill('SIGTERM');
});

describe('HiGHS under workerd', () => {
  test('loads from the imported module and proves a small 0/1 optimum without callbacks', async () => {
    const res = await undiciFetch(`${base}/`);
    const body = (await res.json()) as { status?: string; x?: number[]; error?: string };
    expect(body.error).toBeUndefined();
    expect(res.status).toBe(200);
    expect(body.status).toBe('optimal');
    expect(body.x).toEqual([1, 0, 1]);
  }, 60_000);

  test('refuses the interrupt callbacks the Node planner stops HiGHS with', async () => {
    const res = await undiciFetch(`${base}/?callbacks`);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: string }).error).toMatch(/code generation disallowed/i);
  }, 60_000);
});
