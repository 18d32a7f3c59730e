import { eq, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../src/auth/password.js';
import {
  activationCodes,
  auditLog,
  organisations,
  outbox,
  users,
  volunteerOrganisations,
  volunteers,
} from '../../src/db/schema/index.js';
import { deliverOutboxJob } from '../../src/jobs/deliver-outbox.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { issueActivation } from '../../src/modules/activation/service.js';
import { createUser } from '../../src/modules/users/service.js';
import { Browser, type TestApp } from '../setup/app.js';
import { decrypted, loginOfMobile, mobileHash, storedMobile } from '../setup/mobiles.js';
import { type RegistryFixture, type RoleName, registryApp } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

const NEW_PASSWORD = 'my own new password';
const REFUSED = '手机号或激活码不正确，或激活码已用过、已过期。';

/** A volunteer in the register (as staff or an import put them there), without a login. */
async function registered(name: string, mobile: string, townshipId = f.x.id, organisationId?: number) {
  const now = t.clock.now();
  const [v] = await t.database.db
    .insert(volunteers)
    .values({ name, ...(await storedMobile(mobile)), townshipId, status: 'active', createdAt: now, updatedAt: now })
    .returning();
  if (organisationId) await t.database.db.insert(volunteerOrganisations).values({ volunteerId: v.id, organisationId });
  return v;
}

/** The slips of a slips page: name → code as printed. */
function slips(html: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<section class="slip" aria-label="([^"]+)">[\s\S]*?class="mono slip-code">([\d ]+)</g))
    out.set(m[1], m[2]);
  return out;
}

const activate = (login: string, code: string, password = NEW_PASSWORD) =>
  new Browser(t).post('/activate', { login, code, password, passwordConfirm: password });

describe('a station creates a login for a registered volunteer', () => {
  it('shows the code once on a slip that matches the database, texts it, and the volunteer activates and logs in by mobile', async () => {
    const v = await registered('孙桂兰', '13512345678');
    const res = await as.stationX.post(`/volunteers/${v.id}/login`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    const code = slips(html).get('孙桂兰')!;
    expect(code).toMatch(/^\d{4} \d{4} \d{4}$/);

    // The slip against the database: the name, the masked login number, the expiry a week on, the address.
    const user = await t.database.db.select().from(users).where(loginOfMobile('13512345678')).get();
    expect(user).toMatchObject({ role: 'volunteer', displayName: '孙桂兰' });
    expect(user!.disabledAt).not.toBeNull();
    expect((await t.database.db.select().from(volunteers).where(eq(volunteers.id, v.id)).get())!.userId).toBe(user!.id);
    const [stored] = await t.database.db.select().from(activationCodes).where(eq(activationCodes.userId, user!.id));
    expect(html).toContain('135****5678');
    expect(html).not.toContain('13512345678');
    expect(stored.expiresAt.getTime() - t.clock.now().getTime()).toBe(7 * 24 * 3600 * 1000);
    expect(html).toContain('2026-12-01'); // 2026-11-24T10:00+08:00 plus seven days, as a Shanghai date
    expect(html).toContain('http://localhost/activate');
    // Only the keyed hash is stored: the digits appear nowhere in the database's code or audit rows.
    const digits = code.replaceAll(' ', '');
    expect(stored.codeHash).toBe(f.cipher.lookupHash(`activation-code:${digits}`));
    expect(stored.codeHash).not.toContain(digits);
    const audits = await t.database.db.select().from(auditLog).where(like(auditLog.action, 'activation%'));
    expect(audits.map((a) => a.action)).toEqual(['activation_issue']);
    expect(JSON.stringify(audits)).not.toContain(digits);

    // The SMS carries the code until it is handed to the gateway; then the outbox keeps no text of it.
    const [sms] = await t.database.db.select().from(outbox).where(eq(outbox.volunteerId, v.id));
    // Queued with the number encrypted (the sender opens it at send time): no mobile in clear in the outbox.
    expect(sms).toMatchObject({ status: 'pending' });
    expect(sms.recipient).not.toContain('13512345678');
    expect(await decrypted(sms.recipient)).toBe('13512345678');
    expect(sms.body).toContain(code);
    expect(sms.body).toContain('http://localhost/activate');
    await deliverOutboxJob.run({ db: t.database.db, now: t.clock.now(), config: t.config, logger: memoryLogger() });
    const after = (await t.database.db.select().from(outbox).where(eq(outbox.id, sms.id)).get())!;
    expect(after.status).toBe('logged');
    expect(after.body).not.toContain(digits);

    // Before activation the login cannot be used, whatever password is tried.
    expect((await new Browser(t).post('/login', { username: '13512345678', password: NEW_PASSWORD })).status).toBe(422);

    // The volunteer types their number and the code as they like (spaces, +86) and lands logged in.
    const phone = new Browser(t);
    const done = await phone.post('/activate', {
      login: '+86 135 1234 5678',
      code,
      password: NEW_PASSWORD,
      passwordConfirm: NEW_PASSWORD,
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    const home = await (await phone.get('/')).text();
    expect(home).toContain('孙桂兰');
    expect(home).toContain('登录已激活');
    expect((await t.database.db.select().from(users).where(eq(users.id, user!.id)).get())!.disabledAt).toBeNull();
    const redeemed = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'activation_redeem'));
    expect(redeemed).toHaveLength(1);
    expect(redeemed[0]).toMatchObject({ actorUserId: user!.id, entity: 'user', entityId: String(user!.id) });

    // Afterwards: the mobile number and the new password, in any usual spelling of the number.
    const later = new Browser(t);
    expect((await later.post('/login', { username: '135-1234-5678', password: NEW_PASSWORD })).status).toBe(303);
    expect(await (await later.get('/')).text()).toContain('孙桂兰');
  });

  it('takes a code once only; a second use is refused with the one message', async () => {
    const v = await registered('周建华', '13612340001');
    const code = slips(await (await as.stationX.post(`/volunteers/${v.id}/login`)).text()).get('周建华')!;
    expect((await activate('13612340001', code)).status).toBe(303);
    const again = await activate('13612340001', code, 'someone elses password');
    expect(again.status).toBe(422);
    expect(await again.text()).toContain(REFUSED);
    // The password set by the first use stands.
    expect((await new Browser(t).post('/login', { username: '13612340001', password: NEW_PASSWORD })).status).toBe(303);
    expect(
      (await new Browser(t).post('/login', { username: '13612340001', password: 'someone elses password' })).status,
    ).toBe(422);
  });

  it('lets only one of two parallel redemptions of the same code through', async () => {
    const v = await registered('钱多多', '13612340009');
    const code = slips(await (await as.stationX.post(`/volunteers/${v.id}/login`)).text()).get('钱多多')!;
    const answers = await Promise.all([
      activate('13612340009', code, 'first password 1'),
      activate('13612340009', code, 'second password 2'),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([303, 422]);
    const winner = answers[0].status === 303 ? 'first password 1' : 'second password 2';
    const loser = winner === 'first password 1' ? 'second password 2' : 'first password 1';
    expect((await new Browser(t).post('/login', { username: '13612340009', password: winner })).status).toBe(303);
    expect((await new Browser(t).post('/login', { username: '13612340009', password: loser })).status).toBe(422);
    expect(await t.database.db.$count(auditLog, eq(auditLog.action, 'activation_redeem'))).toBe(1);
  });

  it('expires a code after seven days (the injected clock), refused like a wrong one', async () => {
    const v = await registered('吴小梅', '13612340002');
    const code = slips(await (await as.stationX.post(`/volunteers/${v.id}/login`)).text()).get('吴小梅')!;
    t.clock.advance(7 * 24 * 3600 * 1000 + 60_000);
    const late = await activate('13612340002', code);
    expect(late.status).toBe(422);
    const wrong = await activate('13612340002', '0000 0000 0000');
    const unknown = await activate('13900000000', code);
    // Nothing tells which part was wrong: expired, wrong code and unknown number read the same.
    const message = (html: string) => /<div role="alert"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1];
    const [a, b, c] = await Promise.all([late.text(), wrong.text(), unknown.text()]);
    expect(message(a)).toContain(REFUSED);
    expect(message(a)).toBe(message(b));
    expect(message(a)).toBe(message(c));
    expect(
      (await t.database.db.select().from(users).where(loginOfMobile('13612340002')).get())!.disabledAt,
    ).not.toBeNull();
  });

  it('throttles guesses like logins: the sixth attempt in 15 minutes is refused even with the right code', async () => {
    const v = await registered('郑大勇', '13612340003');
    const code = slips(await (await as.stationX.post(`/volunteers/${v.id}/login`)).text()).get('郑大勇')!;
    for (let i = 0; i < 5; i++) expect((await activate('13612340003', `11112222333${i}`)).status).toBe(422);
    const blocked = await activate('13612340003', code);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (await t.database.db.select().from(users).where(loginOfMobile('13612340003')).get())!.disabledAt,
    ).not.toBeNull();
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await activate('13612340003', code)).status).toBe(303);
  });

  it('says so when a volunteer already has a login, makes no second one, and a re-issued code voids the old one', async () => {
    const v = await registered('冯秀英', '13612340004');
    const first = slips(await (await as.stationX.post(`/volunteers/${v.id}/login`)).text()).get('冯秀英')!;
    const twice = await (await as.stationX.post(`/volunteers/${v.id}/login`)).text();
    expect(slips(twice).size).toBe(0);
    expect(twice).toContain('已有登录，未重复开通');
    expect(await t.database.db.$count(users, loginOfMobile('13612340004'))).toBe(1);
    expect(await t.database.db.$count(activationCodes)).toBe(1);

    const second = slips(await (await as.stationX.post(`/volunteers/${v.id}/login`, { reissue: '1' })).text()).get(
      '冯秀英',
    )!;
    expect(second).not.toBe(first);
    expect(await t.database.db.$count(users, loginOfMobile('13612340004'))).toBe(1);
    // Only the newest code is in the outbox: the voided one is never sent.
    const waiting = await t.database.db.select().from(outbox).where(eq(outbox.volunteerId, v.id));
    expect(waiting).toHaveLength(1);
    expect(waiting[0].body).toContain(second);
    expect((await activate('13612340004', first)).status).toBe(422);
    expect((await activate('13612340004', second)).status).toBe(303);
  });

  it('answers 404 for a volunteer outside the creator’s scope and issues nothing, alone or in a selection', async () => {
    const inX = await registered('陈志强', '13612340005', f.x.id, f.orgA.id);
    const own = await registered('射埠人', '13612340006', f.y.id);
    expect((await as.stationY.post(`/volunteers/${inX.id}/login`)).status).toBe(404);
    expect((await as.coordB.post(`/volunteers/${inX.id}/login`)).status).toBe(404);
    expect((await as.stationY.post('/volunteers/logins', { ids: [String(own.id), String(inX.id)] })).status).toBe(404);
    expect((await as.coordB.post('/volunteers/logins', { ids: [String(inX.id)] })).status).toBe(404);
    expect(await t.database.db.$count(activationCodes)).toBe(0);
    expect(await t.database.db.$count(users, eq(users.role, 'volunteer'))).toBe(1); // the matrix's own volunteer user
    expect((await as.volunteer.post(`/volunteers/${inX.id}/login`)).status).toBe(403);
    // The organisation's own coordinator may.
    const res = await as.coordA.post(`/volunteers/${inX.id}/login`);
    expect(res.status).toBe(200);
    expect(slips(await res.text()).has('陈志强')).toBe(true);
  });

  it('issues for a selection from the list: one slip per new login, the others named with the reason', async () => {
    const a = await registered('甲志愿', '13612340011');
    const b = await registered('乙志愿', '13612340012');
    const c = await registered('丙志愿', '13612340013');
    const pending = await registered('丁志愿', '13612340014');
    await t.database.db.update(volunteers).set({ status: 'pending' }).where(eq(volunteers.id, pending.id));
    await as.stationX.post(`/volunteers/${c.id}/login`);
    const list = await (await as.stationX.get('/volunteers')).text();
    expect(list).toContain(`name="ids" value="${a.id}" form="logins-form"`);

    const res = await as.stationX.post('/volunteers/logins', { ids: [a.id, b.id, c.id, pending.id].map(String) });
    expect(res.status).toBe(200);
    const html = await res.text();
    const printed = slips(html);
    expect([...printed.keys()].sort()).toEqual(['乙志愿', '甲志愿'].sort());
    expect(html).toContain('已有登录，未重复开通');
    expect(html).toContain('不是在册状态');
    for (const [name, code] of printed) {
      const v = (await t.database.db.select().from(volunteers).where(eq(volunteers.name, name)).get())!;
      const user = (await t.database.db.select().from(users).where(eq(users.id, v.userId!)).get())!;
      expect(user.username).toBe(`volunteer-${v.id}`);
      const stored = await t.database.db.select().from(activationCodes).where(eq(activationCodes.userId, user.id));
      expect(stored.map((s) => s.codeHash)).toEqual([
        f.cipher.lookupHash(`activation-code:${code.replaceAll(' ', '')}`),
      ]);
    }
    expect(
      (await t.database.db.select().from(volunteers).where(eq(volunteers.id, pending.id)).get())!.userId,
    ).toBeNull();

    // Nothing ticked: back to the list with a message, nothing written.
    const none = await as.stationX.post('/volunteers/logins', {});
    expect(none.status).toBe(303);
    expect(await (await as.stationX.get('/volunteers')).text()).toContain('请至少勾选一名志愿者。');
  });
});

describe('logging in as a volunteer', () => {
  const signUp = () => ({
    name: '何志愿',
    mobile: '+86 137 0000 2222',
    townshipId: String(f.x.id),
    availability: 'service_days',
    password: 'a long password',
    privacyConsent: 'on',
  });

  it('tells a pending volunteer with the right password that approval is awaited, and nothing otherwise', async () => {
    await new Browser(t).post('/join', signUp());
    const right = await new Browser(t).post('/login', { username: '13700002222', password: 'a long password' });
    expect(right.status).toBe(422);
    const rightHtml = await right.text();
    expect(rightHtml).toContain('您的报名正在等待审核');
    expect(right.headers.get('set-cookie') ?? '').not.toContain('sw_session=');
    const wrong = await new Browser(t).post('/login', { username: '13700002222', password: 'not the password' });
    expect(wrong.status).toBe(422);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('用户名或密码不正确。');
    expect(wrongHtml).not.toContain('等待审核');
    // A disabled staff account with its right password learns nothing about why.
    await t.database.db
      .update(users)
      .set({ disabledAt: new Date(t.clock.now().getTime() + 1) })
      .where(loginOfMobile('13700002222'));
    const disabled = await (
      await new Browser(t).post('/login', { username: '13700002222', password: 'a long password' })
    ).text();
    expect(disabled).toContain('用户名或密码不正确。');
  });

  it('says what volunteers type in the login field and logs in by mobile number once approved', async () => {
    expect(await (await new Browser(t).get('/login')).text()).toContain('手机号或用户名');
    await new Browser(t).post('/join', signUp());
    const v = (await t.database.db
      .select()
      .from(volunteers)
      .where(eq(volunteers.mobileHash, mobileHash('13700002222')))
      .get())!;
    await as.stationX.post(`/volunteers/${v.id}/approve`);
    const b = new Browser(t);
    expect((await b.post('/login', { username: '137 0000 2222', password: 'a long password' })).status).toBe(303);
    expect(await (await b.get('/')).text()).toContain('何志愿');
  });
});

describe('/join', () => {
  it('lists no withdrawn organisation and refuses a sign-up to one with a message, writing nothing', async () => {
    await t.database.db
      .update(organisations)
      .set({ incubationStage: 'withdrawn' })
      .where(eq(organisations.id, f.orgB.id));
    const page = await (await new Browser(t).get('/join')).text();
    expect(page).toContain(f.orgA.name);
    expect(page).not.toContain(f.orgB.name);
    const res = await new Browser(t).post('/join', {
      name: '某人',
      mobile: '13700003333',
      townshipId: String(f.y.id),
      organisationId: String(f.orgB.id),
      availability: 'both',
      password: 'a long password',
      privacyConsent: 'on',
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('该组织已退出孵化，不再接收志愿者。');
    expect(await t.database.db.$count(volunteers, eq(volunteers.mobileHash, mobileHash('13700003333')))).toBe(0);
  });
});

describe('a code whose text message could not be sent', () => {
  it('leaves no text of the code in the outbox once the outbox gives up', async () => {
    const v = await registered('褚不通', '13612340020');
    const code = slips(await (await as.stationX.post(`/volunteers/${v.id}/login`)).text()).get('褚不通')!;
    expect((await t.database.db.select().from(outbox).where(eq(outbox.volunteerId, v.id)).get())!.body).toContain(code);
    const failing = { sms: { name: 'down', send: async () => Promise.reject(new Error('gateway down')) } };
    for (let i = 0; i < 6; i++) {
      t.clock.advance(24 * 3600 * 1000);
      await deliverOutboxJob.run({
        db: t.database.db,
        now: t.clock.now(),
        config: t.config,
        logger: memoryLogger(),
        senders: failing,
      });
    }
    const [row] = await t.database.db.select().from(outbox).where(eq(outbox.volunteerId, v.id));
    expect(row.status).toBe('failed');
    expect(row.body).toBe('');
  });
});

describe('the mechanism is not tied to volunteers', () => {
  it('issues a code to any user id and redeems it with the username at /activate', async () => {
    const made = await createUser(
      { db: t.database.db, passwords: argon2Hasher },
      { username: 'carehome.li', displayName: '李组长', password: 'placeholder password', role: 'volunteer' },
      t.clock.now(),
    );
    if (!made.ok) throw new Error('user not created');
    const issued = await issueActivation({
      db: t.database.db,
      cipher: f.cipher,
      userId: made.id,
      actorUserId: null,
      now: t.clock.now(),
    });
    expect((await activate('carehome.li', 'not the code')).status).toBe(422);
    expect((await activate('CareHome.Li', issued.code)).status).toBe(303);
    expect((await new Browser(t).post('/login', { username: 'carehome.li', password: NEW_PASSWORD })).status).toBe(303);
    expect(
      (await new Browser(t).post('/login', { username: 'carehome.li', password: 'placeholder password' })).status,
    ).toBe(422);
  });
});

describe('the volunteer page', () => {
  it('shows whether the volunteer has a login and offers to create one, then to re-issue its code', async () => {
    const v = await registered('卫红梅', '13612340030');
    const before = await (await as.stationX.get(`/volunteers/${v.id}`)).text();
    expect(before).toContain('未开通');
    expect(before).toContain(`action="/volunteers/${v.id}/login"`);
    expect(before).toContain('开通登录');
    const code = slips(await (await as.stationX.post(`/volunteers/${v.id}/login`)).text()).get('卫红梅')!;
    const pending = await (await as.stationX.get(`/volunteers/${v.id}`)).text();
    expect(pending).toContain('已开通，待激活');
    expect(pending).toContain('重新发放激活码');
    await activate('13612340030', code);
    expect(await (await as.stationX.get(`/volunteers/${v.id}`)).text()).toContain('已激活');
  });
});

describe('a login the county administrator disabled', () => {
  it('cannot be re-enabled by redeeming a code issued before it was disabled', async () => {
    const v = await registered('韩停用', '13612340040');
    const code = slips(await (await as.stationX.post(`/volunteers/${v.id}/login`)).text()).get('韩停用')!;
    t.clock.advance(60_000);
    await t.database.db.update(users).set({ disabledAt: t.clock.now() }).where(loginOfMobile('13612340040'));
    const res = await activate('13612340040', code);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(REFUSED);
    const user = (await t.database.db.select().from(users).where(loginOfMobile('13612340040')).get())!;
    expect(user.disabledAt).not.toBeNull();
    expect(user.passwordHash).toBe('!activation-pending');
    // Nor does the station get a new code for it.
    const again = await (await as.stationX.post(`/volunteers/${v.id}/login`, { reissue: '1' })).text();
    expect(again).toContain('登录已被县民政局管理员停用');
  });
});
