import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { ROOT, TMP_DIR } from '../setup/paths.js';
import { freePort } from '../setup/ports.js';

/** HTTP with a chosen Host header (fetch forbids setting it), as a browser at that host name would send. */
function http(
  port: number,
  host: string,
  path: string,
  form?: Record<string, string>,
): Promise<{ status: number; location?: string; body: string }> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: form ? 'POST' : 'GET',
        headers: {
          host: `${host}:${port}`,
          ...(form
            ? {
                origin: `http://${host}:${port}`,
                'content-type': 'application/x-www-form-urlencoded',
                'content-length': Buffer.byteLength(body!),
              }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * One server, two counties (docs/scaling.md): the real Node entry started with COUNTY_DATABASES; each host name
 * reaches its own database, migrated at start, and an unknown host reaches none.
 */
describe('one database per county, chosen by host name', () => {
  it('serves two counties from two files on one server, and refuses an unknown host', async () => {
    const dir = mkdtempSync(join(TMP_DIR, 'counties-'));
    const port = await freePort();
    const files = { xiangtan: join(dir, 'xiangtan.db'), shaoshan: join(dir, 'shaoshan.db') };
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/index.node.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        BACKUP_DIR: join(dir, 'backups'),
        COUNTY_DATABASES: JSON.stringify({
          'xiangtan.test': `file:${files.xiangtan}`,
          'shaoshan.test': `file:${files.shaoshan}`,
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    server.stdout.on('data', (d: Buffer) => (out += d.toString()));
    server.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await expect.poll(() => out, { timeout: 60_000, interval: 100 }).toContain('is running at');
      expect(out).toContain(`http://xiangtan.test:${port}/setup`);
      expect(out).toContain(`http://shaoshan.test:${port}/setup`);

      // Xiangtan gets its administrator; Shaoshan is untouched.
      expect((await http(port, 'xiangtan.test', '/login')).location).toBe('/setup');
      const setup = await http(port, 'xiangtan.test', '/setup', {
        displayName: '湘潭县管理员',
        username: 'admin',
        password: 'a long password',
        passwordConfirm: 'a long password',
      });
      expect(setup.status).toBe(303);
      expect((await http(port, 'xiangtan.test', '/login')).status).toBe(200);
      expect((await http(port, 'shaoshan.test', '/login')).location).toBe('/setup');

      const unknown = await http(port, 'elsewhere.test', '/login');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toContain('Unknown county host');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.on('close', r));
    }
    for (const [name, file] of Object.entries(files)) {
      const db = await openDatabase(`file:${file}`);
      const [{ n }] = await db.db.all<{ n: number }>(sql`select count(*) as n from users`);
      expect(Number(n), name).toBe(name === 'xiangtan' ? 1 : 0);
      db.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it('refuses a malformed county map with a clear message', async () => {
    const { loadConfig } = await import('../../src/env.js');
    expect(() => loadConfig({ COUNTY_DATABASES: 'not json' })).toThrow(/JSON object of host name/);
    expect(() => loadConfig({ COUNTY_DATABASES: '{"Xiangtan Test": "file:x.db"}' })).toThrow(/lower-case host name/);
    expect(() => loadConfig({ COUNTY_DATABASES: '{}' })).toThrow(/empty/);
    expect(loadConfig({ COUNTY_DATABASES: '{"xiangtan.test": "file:x.db"}' }).countyDatabases).toEqual({
      'xiangtan.test': 'file:x.db',
    });
  });
});
