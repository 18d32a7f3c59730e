import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { loginDevices, users } from '../../src/db/schema/index.js';
import { Browser, createTestApp, loginAs, PASSWORD, type TestApp } from '../setup/app.js';

// The attempt is claimed before the password is verified (parallel guesses cannot overrun the
// limit), a stranger's failures never lock the owner out on a browser they logged in with before, and the current
// password of a password change is throttled too.
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
  await loginAs(t, 'county_admin', { username: 'admin' });
});

const attempt = (username: string, password: string, from = new Browser(t)) =>
  from.post('/login', { username, password });

describe('login throttle', () => {
  it('evaluates at most five of 30 parallel wrong passwords for one account', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => attempt('admin', 'wrong-password')));
    const statuses = results.map((r) => r.status);
    // 422 is answered only after the password was verified; 429 before.
    expect(statuses.filter((s) => s === 422)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
  });

  it('evaluates at most twenty of 60 parallel wrong passwords from one address across accounts', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(`user${i}`, 'wrong-password')));
    expect(results.filter((r) => r.status === 422)).toHaveLength(20);
  });

  it("lets the owner in on a browser that logged in before, however many strangers' failures", async () => {
    const owner = new Browser(t);
    expect((await attempt('admin', PASSWORD, owner)).status).toBe(303);
    expect(owner.cookies.get('sw_device')).toBeTruthy();
    await owner.post('/logout');

    for (let i = 0; i < 8; i++) await attempt('admin', 'wrong-password'); // from the same address, new browsers
    const stranger = await attempt('admin', PASSWORD);
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get('retry-after'))).toBeGreaterThan(0);

    const back = await attempt('admin', PASSWORD, owner);
    expect(back.status).toBe(303);
    expect((await owner.get('/')).status).toBe(200);
  });

  it("gives a known browser five guesses of its own, and another account's device cookie no shortcut", async () => {
    const owner = new Browser(t);
    await attempt('admin', PASSWORD, owner);
    await owner.post('/logout');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt('admin', 'wrong-password', owner)).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);

    // A cookie stolen from admin's browser does not count as known for another account.
    await loginAs(t, 'volunteer', { username: 'vol1' });
    for (let i = 0; i < 5; i++) await attempt('vol1', 'wrong-password');
    const thief = new Browser(t);
    thief.cookies.set('sw_device', owner.cookies.get('sw_device')!);
    expect((await attempt('vol1', PASSWORD, thief)).status).toBe(429);
    const token = owner.cookies.get('sw_device')!;
    const hash = createHash('sha256').update(token).digest('hex');
    const row = await t.database.db.select().from(loginDevices).where(eq(loginDevices.tokenHash, hash)).get();
    const admin = await t.database.db.select().from(users).where(eq(users.username, 'admin')).get();
    expect(row!.userId).toBe(admin!.id);
    const devices = await t.database.db.select().from(loginDevices);
    expect(devices.some((d) => d.tokenHash === token)).toBe(false); // only a hash is kept
  });

  it('throttles the current-password check of the password change, in parallel too', async () => {
    const me = await loginAs(t, 'volunteer', { username: 'vol2' });
    const tries = await Promise.all(
      Array.from({ length: 12 }, () =>
        me.browser.post('/account/password', { currentPassword: 'guess-guess', newPassword: 'a brand new secret' }),
      ),
    );
    expect(tries.filter((r) => r.status === 422)).toHaveLength(5);
    const refused = tries.filter((r) => r.status === 429);
    expect(refused).toHaveLength(7);
    expect(await refused[0].text()).toContain('当前密码输错次数过多');
    const right = await me.browser.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new secret',
    });
    expect(right.status).toBe(429);
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect(
      (await me.browser.post('/account/password', { currentPassword: PASSWORD, newPassword: 'a brand new secret' }))
        .status,
    ).toBe(303);
  });
});
