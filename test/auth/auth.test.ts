import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../src/auth/session.js';
import { bucketKey, THROTTLE_MAX_PER_ADDRESS } from '../../src/auth/throttle.js';
import { auditLog, loginFailures, sessions, users } from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { Browser, createTestApp, loginAs, ORIGIN, PASSWORD, SETUP_TOKEN, type TestApp } from '../setup/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

async function firstRun(b: Browser, username = 'admin') {
  return b.post('/setup', {
    setupToken: SETUP_TOKEN,
    displayName: '县局管理员',
    username,
    password: PASSWORD,
    passwordConfirm: PASSWORD,
  });
}

describe('first run', () => {
  it('sends an empty install to /setup, creates the admin once, then closes', async () => {
    const b = new Browser(t);
    const login = await b.get('/login');
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/setup');
    const page = await b.get('/setup');
    expect(await page.text()).toContain('创建县民政局管理员');
    const created = await firstRun(b);
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe('/login');
    const admin = await t.database.db.select().from(users).all();
    expect(admin).toHaveLength(1);
    expect(admin[0].role).toBe('county_admin');
    expect(admin[0].passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    // A second attempt, even by another browser, creates nothing and the page is gone.
    const other = new Browser(t);
    await firstRun(other, 'intruder');
    expect(await t.database.db.select().from(users).all()).toHaveLength(1);
    expect((await other.get('/setup')).headers.get('location')).toBe('/login');
  });

  it('re-renders the form with 422 and Chinese messages on bad input, writing nothing', async () => {
    const b = new Browser(t);
    const res = await b.post('/setup', { displayName: '', username: 'a', password: 'short', passwordConfirm: 'other' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('此项必填。');
    expect(html).toContain('用户名须为 3–32 位');
    expect(html).toContain('密码至少 8 个字符。');
    expect(await t.database.db.select().from(users).all()).toHaveLength(0);
  });
});

describe('login', () => {
  beforeEach(async () => {
    await firstRun(new Browser(t));
  });

  it('logs in with the right password and shows the dashboard', async () => {
    const b = new Browser(t);
    const res = await b.post('/login', { username: 'admin', password: PASSWORD });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sw_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/);
    const home = await b.get('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('您好，县局管理员');
  });

  it('marks the cookie Secure over https', async () => {
    const res = await t.app.request('https://localhost/login', {
      method: 'POST',
      body: new URLSearchParams({ username: 'admin', password: PASSWORD }),
      headers: { origin: 'https://localhost', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('sw_session='))).toMatch(/Secure/);
  });

  it('gives the same message for an unknown user and a wrong password', async () => {
    const wrong = await new Browser(t).post('/login', { username: 'admin', password: 'not the password' });
    const unknown = await new Browser(t).post('/login', { username: 'nobody', password: 'not the password' });
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    const a = await wrong.text();
    const b = await unknown.text();
    expect(a).toContain('用户名或密码不正确。');
    expect(b).toContain('用户名或密码不正确。');
  });

  it('refuses the 6th attempt in 15 minutes per account from a new browser with 429 and Retry-After', async () => {
    for (let i = 0; i < 5; i++) {
      t.ip.value = `198.51.100.${i}`; // different addresses: the account counter alone trips
      expect((await new Browser(t).post('/login', { username: 'admin', password: 'wrong-password' })).status).toBe(422);
    }
    t.ip.value = '198.51.100.99';
    const sixth = await new Browser(t).post('/login', { username: 'admin', password: PASSWORD });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await sixth.text()).toContain('登录失败次数过多');
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await new Browser(t).post('/login', { username: 'admin', password: PASSWORD })).status).toBe(303);
  });

  it('throttles per address across accounts (20 in 15 minutes), with counters kept in the database', async () => {
    for (let i = 0; i < THROTTLE_MAX_PER_ADDRESS; i++)
      await new Browser(t).post('/login', { username: `user${i}`, password: 'wrong-password' });
    const address = bucketKey(cipherFor(t.config), 'ip', '192.0.2.1');
    const rows = await t.database.db.select().from(loginFailures).where(eq(loginFailures.key, address)).all();
    expect(rows).toHaveLength(THROTTLE_MAX_PER_ADDRESS);
    expect((await new Browser(t).post('/login', { username: 'admin', password: PASSWORD })).status).toBe(429);
  });

  it('keeps what was typed and the address only as keyed hashes in the failure counters', async () => {
    // A mobile as a login, a password typed into the login box, an ID number: none of it may sit there in clear.
    const typed = ['13912345678', 'my secret passphrase', '110101199003071234'];
    for (const username of typed) await new Browser(t).post('/login', { username, password: 'wrong-password' });
    await new Browser(t).post('/activate', {
      login: '13987654321',
      code: '123456789012',
      password: 'x'.repeat(12),
      passwordConfirm: 'x'.repeat(12),
    });
    const keys = (await t.database.db.select().from(loginFailures).all()).map((r) => r.key);
    expect(keys.length).toBeGreaterThanOrEqual(typed.length * 2);
    for (const key of keys) {
      expect(key).toMatch(/^(user|ip|activate):[0-9a-f]{64}$/);
      for (const secret of [...typed, '13987654321', '192.0.2.1']) expect(key).not.toContain(secret);
    }
    // The counters still count: the account's bucket is the same hash on every attempt.
    const account = bucketKey(cipherFor(t.config), 'user', '13912345678');
    expect(keys.filter((k) => k === account)).toHaveLength(1);
  });

  it('expires an idle session after 30 minutes', async () => {
    const b = new Browser(t);
    await b.post('/login', { username: 'admin', password: PASSWORD });
    t.clock.advance(IDLE_TIMEOUT_MS - 60_000);
    expect((await b.get('/')).status).toBe(200);
    t.clock.advance(IDLE_TIMEOUT_MS - 60_000); // active a moment ago: still valid (sliding)
    expect((await b.get('/')).status).toBe(200);
    t.clock.advance(IDLE_TIMEOUT_MS + 1);
    const res = await b.get('/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('/login');
  });

  it('expires any session 12 hours after login, however active', async () => {
    const b = new Browser(t);
    await b.post('/login', { username: 'admin', password: PASSWORD });
    for (let elapsed = 0; elapsed < ABSOLUTE_TIMEOUT_MS - 20 * 60_000; elapsed += 20 * 60_000) {
      t.clock.advance(20 * 60_000);
      expect((await b.get('/')).status).toBe(200);
    }
    t.clock.advance(20 * 60_000);
    expect((await b.get('/')).status).toBe(302);
    expect(await t.database.db.select().from(sessions).all()).toHaveLength(0);
  });

  it('issues a new session at login: a cookie planted before login is useless after', async () => {
    const planted = new Browser(t);
    await planted.post('/login', { username: 'admin', password: PASSWORD });
    const plantedToken = planted.cookies.get('sw_session')!;
    // The victim's browser carries the attacker's token, then logs in.
    const victim = new Browser(t);
    victim.cookies.set('sw_session', plantedToken);
    await victim.post('/login', { username: 'admin', password: PASSWORD });
    expect(victim.cookies.get('sw_session')).not.toBe(plantedToken);
    const attacker = new Browser(t);
    attacker.cookies.set('sw_session', plantedToken);
    expect((await attacker.get('/')).status).toBe(302);
    expect((await victim.get('/')).status).toBe(200);
  });

  it('stores only a hash of the session secret', async () => {
    const b = new Browser(t);
    await b.post('/login', { username: 'admin', password: PASSWORD });
    const [id, secret] = b.cookies.get('sw_session')!.split('.');
    const row = await t.database.db.select().from(sessions).where(eq(sessions.id, id)).get();
    expect(row).toBeDefined();
    expect(Buffer.from(row!.secretHash).toString('utf8')).not.toContain(secret);
    expect(row!.secretHash.length).toBe(32);
    // A forged secret for a real id is refused.
    const forged = new Browser(t);
    forged.cookies.set('sw_session', `${id}.${'a'.repeat(secret.length)}`);
    expect((await forged.get('/')).status).toBe(302);
  });

  it('logs out and ends the session', async () => {
    const b = new Browser(t);
    await b.post('/login', { username: 'admin', password: PASSWORD });
    const token = b.cookies.get('sw_session')!;
    const out = await b.post('/logout');
    expect(out.status).toBe(303);
    const again = new Browser(t);
    again.cookies.set('sw_session', token);
    expect((await again.get('/')).status).toBe(302);
  });
});

describe('accounts', () => {
  it('ends every session of a disabled user, and lets them back when re-enabled', async () => {
    const admin = await loginAs(t, 'county_admin');
    const staff = await loginAs(t, 'volunteer', { username: 'vol1' });
    const otherDevice = new Browser(t);
    await otherDevice.post('/login', { username: 'vol1', password: PASSWORD });
    expect((await staff.browser.get('/')).status).toBe(200);

    const res = await admin.browser.post(`/admin/users/${staff.userId}/disable`);
    expect(res.status).toBe(303);
    expect((await staff.browser.get('/')).status).toBe(302);
    expect((await otherDevice.get('/')).status).toBe(302);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, staff.userId)).all()).toHaveLength(0);
    expect((await new Browser(t).post('/login', { username: 'vol1', password: PASSWORD })).status).toBe(422);

    await admin.browser.post(`/admin/users/${staff.userId}/enable`);
    expect((await new Browser(t).post('/login', { username: 'vol1', password: PASSWORD })).status).toBe(303);
    const trail = await t.database.db
      .select({ action: auditLog.action, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'user'), eq(auditLog.entityId, String(staff.userId))))
      .orderBy(auditLog.id)
      .all();
    expect(trail).toEqual([
      { action: 'disable', actor: admin.userId },
      { action: 'enable', actor: admin.userId },
    ]);

    // Nobody disables their own login; nothing changes and nothing is audited.
    await admin.browser.post(`/admin/users/${admin.userId}/disable`);
    const self = await t.database.db.select().from(users).where(eq(users.id, admin.userId)).get();
    expect(self!.disabledAt).toBeNull();
    expect(await t.database.db.$count(auditLog, eq(auditLog.entityId, String(admin.userId)))).toBe(0);
    expect((await admin.browser.post('/admin/users/999999/disable')).status).toBe(404);
  });

  it('ends all other sessions when a user changes password', async () => {
    const me = await loginAs(t, 'volunteer', { username: 'vol2' });
    const other = new Browser(t);
    await other.post('/login', { username: 'vol2', password: PASSWORD });
    const res = await me.browser.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new secret',
    });
    expect(res.status).toBe(303);
    expect((await other.get('/')).status).toBe(302);
    expect((await me.browser.get('/')).status).toBe(200);
    expect((await new Browser(t).post('/login', { username: 'vol2', password: 'a brand new secret' })).status).toBe(
      303,
    );
  });

  it('refuses a wrong current password with 422 and changes nothing', async () => {
    const me = await loginAs(t, 'volunteer', { username: 'vol3' });
    const before = await t.database.db.select().from(users).where(eq(users.id, me.userId)).get();
    const res = await me.browser.post('/account/password', {
      currentPassword: 'wrong one!',
      newPassword: 'a brand new secret',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('当前密码不正确。');
    const after = await t.database.db.select().from(users).where(eq(users.id, me.userId)).get();
    expect(after!.passwordHash).toBe(before!.passwordHash);
  });

  it('lets the admin create station staff bound to a township and refuses a missing township', async () => {
    const admin = await loginAs(t, 'county_admin');
    const bad = await admin.browser.post('/admin/users', {
      username: 'staff1',
      displayName: '站员',
      password: PASSWORD,
      role: 'station_staff',
      townshipId: '',
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('乡镇社工站工作人员必须指定所属乡镇。');
    expect(await t.database.db.select().from(users).where(eq(users.username, 'staff1')).all()).toHaveLength(0);
    const dup = await admin.browser.post('/admin/users', {
      username: 'coord',
      displayName: 'x',
      password: PASSWORD,
      role: 'county_admin',
    });
    expect(dup.status).toBe(303);
    const again = await admin.browser.post('/admin/users', {
      username: 'coord',
      displayName: 'x',
      password: PASSWORD,
      role: 'county_admin',
    });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('该用户名已被使用。');
  });

  it('makes no volunteer or 守望之家 member login linked to nobody: those come from their registers', async () => {
    const admin = await loginAs(t, 'county_admin');
    const form = await (await admin.browser.get('/admin/users/new')).text();
    expect(form).not.toContain('value="volunteer"');
    expect(form).not.toContain('value="care_member"');
    for (const role of ['volunteer', 'care_member']) {
      const res = await admin.browser.post('/admin/users', {
        username: `orphan-${role}`,
        displayName: '无人',
        password: PASSWORD,
        role,
      });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('志愿者和守望之家成员的登录在其名册中以激活码发放');
      expect(await t.database.db.$count(users, eq(users.username, `orphan-${role}`))).toBe(0);
    }
  });
});

describe('access', () => {
  it('redirects anonymous visitors to login, and htmx requests with HX-Redirect', async () => {
    const res = await new Browser(t).get('/admin/users');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Fadmin%2Fusers');
    const hx = await new Browser(t).get('/admin/users', { 'HX-Request': 'true' });
    expect(hx.headers.get('HX-Redirect')).toBe('/login?next=%2Fadmin%2Fusers');
  });

  it('answers 403 to a role that may not open a page', async () => {
    const vol = await loginAs(t, 'volunteer');
    const res = await vol.browser.get('/admin/users');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('无权访问');
    const post = await vol.browser.post('/admin/users', {
      username: 'x1234',
      displayName: 'x',
      password: PASSWORD,
      role: 'county_admin',
    });
    expect(post.status).toBe(403);
    expect(await t.database.db.select().from(users).where(eq(users.username, 'x1234')).all()).toHaveLength(0);
  });

  it('refuses a cross-site form post with 403 and writes nothing', async () => {
    const res = await t.app.request(`${ORIGIN}/setup`, {
      method: 'POST',
      body: new URLSearchParams({ displayName: 'x', username: 'evil', password: PASSWORD, passwordConfirm: PASSWORD }),
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('请求被拒绝');
    expect(await t.database.db.select().from(users).all()).toHaveLength(0);
  });

  it('accepts a same-origin post identified by Sec-Fetch-Site alone', async () => {
    const res = await t.app.request(`${ORIGIN}/setup`, {
      method: 'POST',
      body: new URLSearchParams({
        setupToken: SETUP_TOKEN,
        displayName: 'x',
        username: 'admin',
        password: PASSWORD,
        passwordConfirm: PASSWORD,
      }),
      headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(303);
  });

  it('fails closed when a route forgets to authorize', async () => {
    t.app.get('/forgetful', (c) => c.text('secret data'));
    const admin = await loginAs(t, 'county_admin');
    const res = await admin.browser.get('/forgetful');
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret data');
    expect(t.logger.lines.some((l) => l.event === 'route_not_authorized')).toBe(true);
  });

  it('accepts multipart uploads up to 20 MB but not beyond', async () => {
    const admin = await loginAs(t, 'county_admin');
    const upload = async (bytes: number) => {
      const form = new FormData();
      form.append('file', new File([new Uint8Array(bytes)], 'big.xlsx'));
      return t.app.request(`${ORIGIN}/admin/users`, {
        method: 'POST',
        body: form,
        headers: { origin: ORIGIN, cookie: [...admin.browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
    };
    // 2 MB passes the size gate (and then fails validation as a user form: 422, not 413).
    expect((await upload(2 * 1024 * 1024)).status).toBe(422);
    const tooBig = await upload(20 * 1024 * 1024 + 1024);
    expect(tooBig.status).toBe(413);
  });

  it('rejects form bodies over 1 MB with 413', async () => {
    const res = await t.app.request(`${ORIGIN}/login`, {
      method: 'POST',
      body: `username=${'a'.repeat(1024 * 1024 + 10)}`,
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('提交的内容过大');
  });
});

describe('password hashing', () => {
  it('rehashes a password stored with weaker argon2 parameters at the next login', async () => {
    const { hash } = await import('@node-rs/argon2');
    const weak = await hash(PASSWORD, { algorithm: 2, memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await t.database.db
      .insert(users)
      .values({ username: 'old', displayName: '老用户', passwordHash: weak, role: 'volunteer', createdAt: new Date() });
    expect((await new Browser(t).post('/login', { username: 'old', password: PASSWORD })).status).toBe(303);
    const row = await t.database.db.select().from(users).where(eq(users.username, 'old')).get();
    expect(row!.passwordHash).toMatch(/\$m=19456,t=2,p=1\$/);
    expect((await new Browser(t).post('/login', { username: 'old', password: PASSWORD })).status).toBe(303);
  });
});
