import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { argon2Hasher } from '../../src/auth/password.js';
import type { Role } from '../../src/db/schema/index.js';
import * as schema from '../../src/db/schema/index.js';
import { countySize } from '../../src/demo/generate.js';
import { seedDemo } from '../../src/demo/seed.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { createTestApp, loginAs, ORIGIN } from '../setup/app.js';

/**
 * Every GET route, opened by every role, against a database connection that refuses writes: reading a page must
 * never change state. (Session refresh is a write, so the clock stands still between login and the reads.)
 */
describe('GET handlers do not write', () => {
  it('every parameterless GET route answers without a 5xx on a read-only database, for every role', async () => {
    const t = await createTestApp();
    await seedDemo(
      { db: t.database.db, cipher: cipherFor(t.config), now: t.clock.now() },
      { size: { ...countySize(0.02), townships: 2, villages: 4, nursingHomes: 2 } },
    );
    const roles: Role[] = ['county_admin', 'station_staff', 'org_coordinator', 'volunteer'];
    const browsers = [];
    for (const role of roles) browsers.push((await loginAs(t, role, { townshipId: 1, organisationId: 1 })).browser);

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

    const gets = readOnly.routes.filter((r) => r.method === 'GET' && !r.path.includes(':') && !r.path.includes('*'));
    expect(gets.length).toBeGreaterThan(3);
    for (const route of gets) {
      for (const browser of browsers) {
        const res = await readOnly.request(ORIGIN + route.path, {
          headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        expect(res.status, `GET ${route.path}`).toBeLessThan(500);
      }
    }
    client.close();
  });
});
