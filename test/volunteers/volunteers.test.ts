import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { users, volunteers } from '../../src/db/schema/index.js';
import { Browser, type TestApp } from '../setup/app.js';
import { loginOfMobile, mobileHash } from '../setup/mobiles.js';
import { type RegistryFixture, type RoleName, registryApp } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

const signUp = (overrides: Record<string, string | string[]> = {}) => ({
  name: '何志愿',
  mobile: '+86 137 0000 2222',
  townshipId: String(f.x.id),
  organisationId: String(f.orgA.id),
  skills: ['visiting', 'meals'],
  availability: 'service_days',
  password: 'a long password',
  privacyConsent: 'on',
  ...overrides,
});

describe('volunteer sign-up and approval', () => {
  it('signs up on the public page as pending; cannot log in until the organisation approves', async () => {
    const anonymous = new Browser(t);
    expect(await (await anonymous.get('/join')).text()).toContain('志愿者报名');
    const res = await anonymous.post('/join', signUp());
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('报名已提交，请等待审核');
    const v = await t.database.db
      .select()
      .from(volunteers)
      .where(eq(volunteers.mobileHash, mobileHash('13700002222')))
      .get();
    expect(v).toMatchObject({ status: 'pending', skills: ['visiting', 'meals'], townshipId: f.x.id });
    expect((await new Browser(t).post('/login', { username: '13700002222', password: 'a long password' })).status).toBe(
      422,
    );

    // The organisation's coordinator finds and approves them; the other organisation cannot even see them.
    expect(await (await as.coordA.get('/volunteers?status=pending')).text()).toContain('何志愿');
    expect((await as.coordB.get(`/volunteers/${v!.id}`)).status).toBe(404);
    expect((await as.coordA.post(`/volunteers/${v!.id}/approve`)).status).toBe(303);
    expect((await t.database.db.select().from(volunteers).where(eq(volunteers.id, v!.id)).get())!.status).toBe(
      'active',
    );
    const login = await new Browser(t).post('/login', { username: '13700002222', password: 'a long password' });
    expect(login.status).toBe(303);
    const user = await t.database.db.select().from(users).where(loginOfMobile('13700002222')).get();
    expect(user).toMatchObject({ role: 'volunteer', disabledAt: null });
  });

  it('writes nothing for a second sign-up with the same mobile (answered like any sign-up) or bad fields', async () => {
    await new Browser(t).post('/join', signUp());
    const before = await t.database.db.$count(volunteers);
    const again = await new Browser(t).post('/join', signUp({ name: '冒名' }));
    expect(again.status).toBe(200);
    expect(await again.text()).not.toContain('该手机号已登记。');
    expect(await t.database.db.$count(volunteers)).toBe(before);
    expect(
      (await t.database.db
        .select()
        .from(volunteers)
        .where(eq(volunteers.mobileHash, mobileHash('13700002222')))
        .get())!.name,
    ).toBe('何志愿');
    const bad = await new Browser(t).post('/join', signUp({ mobile: '12345', password: 'short', skills: 'flying' }));
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('请输入有效的手机号');
    expect(html).toContain('密码至少 8 个字符。');
    expect(await t.database.db.$count(volunteers)).toBe(before);
  });
});

describe('volunteer register', () => {
  it('keeps station staff to their township and coordinators to their organisation', async () => {
    const other = await as.stationX.post('/volunteers', {
      name: '越界',
      mobile: '13600001111',
      townshipId: String(f.y.id),
      availability: 'both',
      status: 'active',
    });
    expect(other.status).toBe(422);
    expect(await other.text()).toContain('只能登记本乡镇的志愿者。');
    const own = await as.coordB.post('/volunteers', {
      name: '乙会员',
      mobile: '13600002222',
      townshipId: String(f.y.id),
      organisationId: String(f.orgA.id),
      availability: 'both',
      status: 'active',
    });
    expect(own.status).toBe(303);
    // A coordinator's new volunteer joins the coordinator's organisation, whatever the form said.
    expect(await (await as.coordB.get('/volunteers')).text()).toContain('乙会员');
    expect(await (await as.coordA.get('/volunteers')).text()).not.toContain('乙会员');
    expect((await as.volunteer.get('/volunteers')).status).toBe(403);
  });
});

describe('the public sign-up page under a flood', () => {
  it('takes five sign-ups from one address in 15 minutes, refuses the sixth with 429 and a message, and writes nothing for it', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await new Browser(t).post('/join', signUp({ mobile: `1390000000${i}` }));
      expect(res.status).toBe(200);
    }
    const refused = await new Browser(t).post('/join', signUp({ mobile: '13900000009' }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('提交太频繁');
    expect(await t.database.db.$count(volunteers)).toBe(5);
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await new Browser(t).post('/join', signUp({ mobile: '13900000009' }))).status).toBe(200);
    expect(await t.database.db.$count(volunteers)).toBe(6);
  });
});
