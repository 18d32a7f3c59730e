import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { createTestApp, SETUP_TOKEN } from '../setup/app.js';
import { ROOT } from '../setup/paths.js';
import { registryFixture } from '../setup/registry.js';

/** The benchmark's server entry (the real app over a file) in its own process; resolves with its URL. */
function startServer(file: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/serve.ts', 'app', file], {
    cwd: ROOT,
    env: { ...process.env, SETUP_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const msg = JSON.parse(line) as { url?: string };
      if (msg.url) resolve({ child, url: msg.url });
    });
  });
}

describe('restart', () => {
  it('a server killed mid-load comes back on the same file and serves, with every acknowledged write kept', async () => {
    const t = await createTestApp();
    await registryFixture(t);
    t.database.close();
    const first = await startServer(t.dbPath);
    // A write the server acknowledged (first-run creates the admin), then a stream of requests it is killed in.
    const setup = await fetch(`${first.url}/setup`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: first.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        setupToken: SETUP_TOKEN,
        displayName: '管理员',
        username: 'admin',
        password: 'a long password',
        passwordConfirm: 'a long password',
      }),
    });
    expect(setup.status).toBe(303);
    let acknowledged = 0;
    const stop = Date.now() + 1500;
    const load = (async () => {
      while (Date.now() < stop) {
        const res = await fetch(`${first.url}/healthz`).catch(() => null);
        if (res?.status === 200) acknowledged++;
      }
    })();
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 500));
    first.child.kill('SIGKILL');
    await load;
    expect(acknowledged).toBeGreaterThan(0);

    const second = await startServer(t.dbPath);
    try {
      expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
      const login = await fetch(`${second.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { origin: second.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'admin', password: 'a long password' }),
      });
      expect(login.status).toBe(303);
      const cookie = login.headers.getSetCookie()[0].split(';')[0];
      const page = await fetch(`${second.url}/recipients`, { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('张老汉');
    } finally {
      second.child.kill('SIGTERM');
    }
    const db = await openDatabase(`file:${t.dbPath}`);
    expect((await db.db.run(sql`PRAGMA integrity_check`)).rows[0][0]).toBe('ok');
    db.close();
  }, 60_000);
});
