import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { argon2Hasher } from '../../src/auth/password.js';
import * as schema from '../../src/db/schema/index.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { ORIGIN } from '../setup/app.js';
import { matrixCounty } from './matrix-county.js';
import { matrix, WHO } from './route-matrix.js';

/**
 * Every GET of the route matrix (parameterised routes with real ids), opened by everyone who knocks, against a
 * database connection that refuses writes: each answers exactly what the matrix expects, so reading a page never
 * needs to change state. (Session refresh is a write, so the clock stands still between login and the reads.)
 */
describe('GET handlers do not write', () => {
  it('every GET answers as the route matrix says, for every role, on a read-only database', async () => {
    const { t, fx, browsers } = await matrixCounty();
    const client = createClient({ url: `file:${t.dbPath}`, concurrency: 1 });
    await client.execute('PRAGMA query_only = ON');
    const readOnly = createApp({
      db: drizzle(client, { schema }),
      now: t.clock.now,
      config: t.config,
      passwords: argon2Hasher,
      logger: memoryLogger(),
      cipher: cipherFor(t.config),
      clientIp: () => '192.0.2.9',
    });
    await expect(client.execute("INSERT INTO townships (name, created_at) VALUES ('x', 0)")).rejects.toThrow(
      /readonly|query_only/i,
    );

    const gets = Object.entries(matrix(fx)).filter(([route]) => route.startsWith('GET '));
    expect(gets.some(([route]) => route.includes(':'))).toBe(true);
    const failures: string[] = [];
    for (const [route, cases] of gets)
      for (const c of cases)
        for (const who of WHO) {
          const cookie = [...browsers[who].cookies].map(([k, v]) => `${k}=${v}`).join('; ');
          const res = await readOnly.request(ORIGIN + c.path, { headers: { cookie } });
          if (res.status !== c.expect[who])
            failures.push(`${route} (${c.path}) as ${who}: expected ${c.expect[who]}, got ${res.status}`);
        }
    expect(failures).toEqual([]);
    client.close();
  }, 120_000);
});
