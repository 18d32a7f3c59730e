import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bucketKey } from '../../src/auth/throttle.js';
import { loginFailures, volunteers } from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { forwardedClient } from '../../src/lib/security.js';
import { Browser, createTestApp, loginAs, PASSWORD, type TestApp } from '../setup/app.js';
import { mobileHash } from '../setup/mobiles.js';
import { registryFixture } from '../setup/registry.js';

// Behind a trusted proxy the client is the address the proxy added, not what the client wrote;
// and /join answers a registered mobile exactly like a new one.
const PROXY = '10.0.0.5';

async function setUp(env: Record<string, string>) {
  const t = await createTestApp(env, { remote: PROXY });
  const f = await registryFixture(t);
  return { t, f };
}

const signUp = (f: Awaited<ReturnType<typeof registryFixture>>, mobile: string) => ({
  name: '何志愿',
  mobile,
  townshipId: String(f.x.id),
  availability: 'service_days',
  password: 'a long password',
  privacyConsent: 'on',
});

function post(t: TestApp, path: string, form: Record<string, string>, forwardedFor: string) {
  return new Browser(t).post(path, form, { 'x-forwarded-for': forwardedFor });
}

describe('the client address behind a trusted proxy', () => {
  it('keeps the /join limit when the client rotates a forged X-Forwarded-For', async () => {
    const { t, f } = await setUp({ TRUST_PROXY: '1' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      // The client forges the left part; the proxy appends the address it really saw.
      const res = await post(t, '/join', signUp(f, `1370000300${i}`), `198.51.100.${i}, 203.0.113.7`);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await t.database.db.$count(volunteers)).toBe(5);
    // Another real client behind the same proxy is not affected.
    expect((await post(t, '/join', signUp(f, '13700003999'), '203.0.113.8')).status).toBe(200);
  });

  it('counts login failures against the proxy-added address, whatever the client forges', async () => {
    const { t } = await setUp({ TRUST_PROXY: '1' });
    await loginAs(t, 'county_admin', { username: 'admin' });
    for (let i = 0; i < 3; i++)
      await post(t, '/login', { username: `nobody${i}`, password: 'wrong' }, `192.0.2.${i}, 203.0.113.9`);
    const keys = (await t.database.db.select().from(loginFailures)).map((r) => r.key);
    const address = (ip: string) => bucketKey(cipherFor(t.config), 'ip', ip);
    expect(keys.filter((k) => k === address('203.0.113.9'))).toHaveLength(3);
    expect(keys.filter((k) => k.startsWith('ip:'))).toHaveLength(3);
    expect(keys.some((k) => [0, 1, 2].some((i) => k === address(`192.0.2.${i}`)))).toBe(false);
    expect((await post(t, '/login', { username: 'admin', password: PASSWORD }, '203.0.113.9')).status).toBe(303);
  });

  it('takes the entry a configured hop count from the right, and the socket peer without a trusted proxy', async () => {
    expect(forwardedClient('6.6.6.6, 203.0.113.1, 10.0.0.2', 2)).toBe('203.0.113.1');
    expect(forwardedClient('6.6.6.6, 203.0.113.1', 1)).toBe('203.0.113.1');
    expect(forwardedClient('203.0.113.1', 3)).toBe('203.0.113.1');
    expect(forwardedClient('6.6.6.6', 0)).toBeUndefined();

    const { t } = await setUp({});
    await post(t, '/login', { username: 'nobody', password: 'wrong' }, '6.6.6.6');
    const keys = (await t.database.db.select().from(loginFailures)).map((r) => r.key);
    expect(keys).toContain(bucketKey(cipherFor(t.config), 'ip', PROXY));
    expect(keys).not.toContain(bucketKey(cipherFor(t.config), 'ip', '6.6.6.6'));
  });
});

describe('/join and registered mobiles', () => {
  it('answers a registered mobile like a new sign-up and changes nothing', async () => {
    const { t, f } = await setUp({});
    const first = await post(t, '/join', signUp(f, '13700004444'), '');
    const firstHtml = await first.text();
    const again = await post(t, '/join', { ...signUp(f, '13700004444'), name: '冒名' }, '');
    expect(again.status).toBe(first.status);
    const againHtml = await again.text();
    expect(againHtml).toBe(firstHtml);
    const rows = await t.database.db
      .select()
      .from(volunteers)
      .where(eq(volunteers.mobileHash, mobileHash('13700004444')));
    expect(rows.map((r) => r.name)).toEqual(['何志愿']);
  });
});
