import { and, eq, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { activationCodes, auditLog, careUnitMembers, outbox, users } from '../../src/db/schema/index.js';
import { type Browser, Browser as Client, type TestApp } from '../setup/app.js';
import { addMemberRow, addRecipient, addUnit } from '../setup/care-units.js';
import { type RegistryFixture, type RoleName, registryApp } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
let unitId: number;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
  unitId = await addUnit(t, '花石村守望之家', f.x.id, [f.villages[0].id]);
});

const PASSWORD = 'member chose this one';
const REFUSED = '手机号或激活码不正确，或激活码已用过、已过期。';

/** The slips of a slips page: name → [login as printed, code as printed]. */
function slips(html: string): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  const re =
    /<section class="slip" aria-label="([^"]+)">[\s\S]*?class="mono slip-login">([^<]+)<[\s\S]*?class="mono slip-code">([\d ]+)</g;
  for (const m of html.matchAll(re)) out.set(m[1], [m[2], m[3]]);
  return out;
}

const activate = (login: string, code: string, password = PASSWORD) =>
  new Client(t).post('/activate', { login, code, password, passwordConfirm: password });

const userOf = async (memberId: number) => {
  const m = await t.database.db.select().from(careUnitMembers).where(eq(careUnitMembers.id, memberId)).get();
  return m?.userId ? t.database.db.select().from(users).where(eq(users.id, m.userId)).get() : undefined;
};

describe('a station creates logins for 守望之家 members by activation code', () => {
  it('a member added with a mobile gets a slip and an SMS; the code works once and lands the member on /care', async () => {
    await addRecipient(t, f, { name: '王奶奶', townshipId: f.x.id, villageId: f.villages[0].id, seq: 11 });
    const added = await as.stationX.post(`/care-units/${unitId}/members`, {
      name: '周组长',
      memberRole: 'leader',
      mobile: '138 1234 0001',
    });
    expect(added.status).toBe(303);
    const [member] = await t.database.db.select().from(careUnitMembers).where(eq(careUnitMembers.unitId, unitId));
    // No login yet, and no form field anywhere for a station-chosen password.
    expect(member).toMatchObject({ name: '周组长', mobile: '13812340001', userId: null });
    const unitPage = await (await as.stationX.get(`/care-units/${unitId}`)).text();
    expect(unitPage).not.toContain('type="password"');
    expect(unitPage).toContain('未开通');

    const res = await as.stationX.post(`/care-units/${unitId}/members/${member.id}/login`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const html = await res.text();
    const [login, code] = slips(html).get('周组长')!;
    expect(login).toBe('138****0001');
    expect(code).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(html).not.toContain('13812340001');
    const user = (await userOf(member.id))!;
    expect(user).toMatchObject({ role: 'care_member', organisationId: unitId, username: '13812340001' });
    expect(user.disabledAt).not.toBeNull();
    const digits = code.replaceAll(' ', '');
    const [sms] = await t.database.db
      .select()
      .from(outbox)
      .where(like(outbox.idempotencyKey, `%:m${member.id}`));
    expect(sms).toMatchObject({ recipient: '13812340001', status: 'pending', volunteerId: null });
    expect(sms.body).toContain(code);
    const audits = await t.database.db.select().from(auditLog).where(like(auditLog.action, '%_%'));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['login_create', 'activation_issue']));
    expect(JSON.stringify(audits)).not.toContain(digits);
    expect(await (await as.stationX.get(`/care-units/${unitId}`)).text()).toContain('待激活');

    // The login cannot be used before activation; after it, the member lands on today's care visits.
    expect((await new Client(t).post('/login', { username: '13812340001', password: PASSWORD })).status).toBe(422);
    const phone = new Client(t);
    const done = await phone.post('/activate', {
      login: '13812340001',
      code,
      password: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/care');
    const day = await (await phone.get('/care')).text();
    expect(day).toContain('王奶奶');
    // The waiting SMS is not sent once the code is spent; the code is refused a second time.
    expect(await t.database.db.select().from(outbox).where(eq(outbox.id, sms.id)).get()).toBeUndefined();
    const again = await activate('13812340001', code, 'another password here');
    expect(again.status).toBe(422);
    expect(await again.text()).toContain(REFUSED);
    expect((await new Client(t).post('/login', { username: '13812340001', password: PASSWORD })).status).toBe(303);
    const redeemed = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'activation_redeem'));
    expect(redeemed.map((a) => a.actorUserId)).toEqual([user.id]);
    expect(await (await as.stationX.get(`/care-units/${unitId}`)).text()).toContain('已激活');
  });

  it('re-issuing voids the old code, drops its waiting SMS, and only the new one activates', async () => {
    const member = await addMemberRow(t, unitId, '李党员', 'party_member', '13812340002');
    const first = slips(await (await as.stationX.post(`/care-units/${unitId}/members/${member.id}/login`)).text());
    // Issuing again without asking for a re-issue gives nothing: the member has a login.
    const skipped = await (await as.stationX.post(`/care-units/${unitId}/members/${member.id}/login`)).text();
    expect(slips(skipped).size).toBe(0);
    expect(skipped).toContain('已有登录，未重复开通');
    const second = slips(
      await (await as.stationX.post(`/care-units/${unitId}/members/${member.id}/login`, { reissue: '1' })).text(),
    );
    const [, oldCode] = first.get('李党员')!;
    const [, newCode] = second.get('李党员')!;
    expect(newCode).not.toBe(oldCode);
    const user = (await userOf(member.id))!;
    const codes = await t.database.db.select().from(activationCodes).where(eq(activationCodes.userId, user.id));
    expect(codes.map((c) => c.voidedAt !== null)).toEqual([true, false]);
    const waiting = await t.database.db
      .select()
      .from(outbox)
      .where(and(like(outbox.idempotencyKey, `%:m${member.id}`), eq(outbox.status, 'pending')));
    expect(waiting).toHaveLength(1);
    expect(waiting[0].body).toContain(newCode);
    expect((await activate('13812340002', oldCode)).status).toBe(422);
    expect((await activate('13812340002', newCode)).status).toBe(303);
  });

  it('a selection of members gets one slip each; a member without a mobile logs in with the printed login', async () => {
    const a = await addMemberRow(t, unitId, '张志愿', 'volunteer');
    const b = await addMemberRow(t, unitId, '陈村医', 'village_doctor', '13812340003');
    const res = await as.stationX.post(`/care-units/${unitId}/logins`, { ids: [String(a.id), String(b.id)] });
    expect(res.status).toBe(200);
    const printed = slips(await res.text());
    expect([...printed.keys()]).toEqual(['张志愿', '陈村医']);
    const [login, code] = printed.get('张志愿')!;
    expect(login).toBe(`care${a.id}`);
    // No mobile, no SMS.
    expect(
      await t.database.db
        .select()
        .from(outbox)
        .where(like(outbox.idempotencyKey, `%:m${a.id}`)),
    ).toEqual([]);
    const done = await activate(login, code);
    expect(done.headers.get('location')).toBe('/care');
  });

  it('a member of another township, a unit out of reach, other roles and bad input change nothing', async () => {
    const member = await addMemberRow(t, unitId, '周组长', 'leader', '13812340004');
    const otherUnit = await addUnit(t, '易俗河守望之家', f.y.id, [f.villages[2].id]);
    // Station Y cannot reach station X's unit or member, directly or by putting X's member under Y's unit.
    expect((await as.stationY.post(`/care-units/${unitId}/members/${member.id}/login`)).status).toBe(404);
    expect((await as.stationY.post(`/care-units/${unitId}/logins`, { ids: String(member.id) })).status).toBe(404);
    const mixed = await as.admin.post(`/care-units/${otherUnit}/logins`, { ids: String(member.id) });
    expect(mixed.status).toBe(404);
    expect((await as.coordA.post(`/care-units/${unitId}/members/${member.id}/login`)).status).toBe(403);
    expect((await as.volunteer.post(`/care-units/${unitId}/logins`, { ids: String(member.id) })).status).toBe(403);
    // Nothing ticked: back to the unit with the message.
    const none = await as.stationX.post(`/care-units/${unitId}/logins`, {});
    expect(none.status).toBe(303);
    expect(await (await as.stationX.get(`/care-units/${unitId}`)).text()).toContain('请先勾选要开通登录的成员。');
    expect(await userOf(member.id)).toBeUndefined();
    expect(await t.database.db.select().from(activationCodes)).toEqual([]);
    // A mobile that is no mobile: the form comes back with the message, no member added.
    const bad = await as.stationX.post(`/care-units/${unitId}/members`, {
      name: '王',
      memberRole: 'leader',
      mobile: '12345',
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请填写 11 位手机号');
    const members = await t.database.db.select().from(careUnitMembers).where(eq(careUnitMembers.unitId, unitId));
    expect(members).toHaveLength(1);
  });
});
