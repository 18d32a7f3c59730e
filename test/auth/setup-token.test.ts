import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema/index.js';
import { Browser, createTestApp, loginAs, PASSWORD, SETUP_TOKEN } from '../setup/app.js';

// Reaching a fresh deployment first is not enough; /setup wants the one-time token.
const admin = (setupToken?: string) => ({
  ...(setupToken === undefined ? {} : { setupToken }),
  displayName: '县局管理员',
  username: 'admin',
  password: PASSWORD,
  passwordConfirm: PASSWORD,
});

describe('first run with a setup token', () => {
  it('refuses a missing or wrong token with 422 and a message, creating nothing', async () => {
    const t = await createTestApp();
    const missing = await new Browser(t).post('/setup', admin());
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('此项必填。');
    for (const wrong of ['guess', `${SETUP_TOKEN}x`, SETUP_TOKEN.slice(1)]) {
      const res = await new Browser(t).post('/setup', admin(wrong));
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('设置令牌不正确');
    }
    expect(await t.database.db.$count(users)).toBe(0);
    expect(t.logger.lines.filter((l) => l.event === 'setup_token_wrong')).toHaveLength(3);
  });

  it('creates the administrator with the right token, and fills the token from the console link', async () => {
    const t = await createTestApp();
    const page = await (await new Browser(t).get(`/setup?token=${SETUP_TOKEN}`)).text();
    expect(page).toContain(`name="setupToken" type="text" value="${SETUP_TOKEN}"`);
    const res = await new Browser(t).post('/setup', admin(` ${SETUP_TOKEN} `));
    expect(res.status).toBe(303);
    expect(await t.database.db.$count(users)).toBe(1);
  });

  it('offers no form and creates nothing when the deployment has no token (Workers without the secret)', async () => {
    const t = await createTestApp({ SETUP_TOKEN: undefined });
    expect(t.config.setupToken).toBeUndefined();
    const page = await new Browser(t).get('/setup');
    const html = await page.text();
    expect(html).toContain('npx wrangler secret put SETUP_TOKEN');
    expect(html).not.toContain('<form method="post" action="/setup"');
    for (const guess of ['', 'undefined', 'anything-at-all-here']) {
      const res = await new Browser(t).post('/setup', admin(guess));
      expect(res.status).toBe(422);
    }
    expect(await t.database.db.$count(users)).toBe(0);
  });
});

describe('first run after logins were seeded', () => {
  it('keeps /setup open until a county administrator exists, refuses a username already taken, then closes', async () => {
    const t = await createTestApp();
    // A demo county or an import may bring logins before anybody ran /setup.
    await loginAs(t, 'station_staff', { username: 'zhan' });
    const open = await new Browser(t).get('/setup');
    expect(open.status).toBe(200);
    expect(await open.text()).toContain('<form method="post" action="/setup"');

    const taken = await new Browser(t).post('/setup', { ...admin(SETUP_TOKEN), username: 'zhan' });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain('该用户名已被使用。');
    expect(await t.database.db.$count(users, eq(users.role, 'county_admin'))).toBe(0);

    const res = await new Browser(t).post('/setup', admin(SETUP_TOKEN));
    expect(res.status).toBe(303);
    expect(await t.database.db.$count(users, eq(users.role, 'county_admin'))).toBe(1);
    expect(await t.database.db.$count(users)).toBe(2);

    expect((await new Browser(t).get('/setup')).headers.get('location')).toBe('/login');
    const again = await new Browser(t).post('/setup', { ...admin(SETUP_TOKEN), username: 'second' });
    expect(again.headers.get('location')).toBe('/login');
    expect(await t.database.db.$count(users, eq(users.role, 'county_admin'))).toBe(1);
  });
});
