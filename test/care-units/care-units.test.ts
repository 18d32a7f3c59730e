import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import type { Browser, TestApp } from '../setup/app.js';
import { addRecipient, addUnit, memberBrowser } from '../setup/care-units.js';
import { type RegistryFixture, type RoleName, registryApp } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

/** The register's own answer: active home-supported recipients of the villages, by plain SQL. */
async function registerCount(villageIds: number[]) {
  const row = await t.database.client.execute({
    sql: `SELECT count(*) AS n FROM recipients WHERE status = 'active' AND support_mode = 'home' AND village_id IN (${villageIds.map(() => '?').join(',')})`,
    args: villageIds,
  });
  return Number(row.rows[0].n);
}

function countsOnList(html: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of html.matchAll(/<a href="\/care-units\/\d+">([^<]+)<\/a>.*?<td class="households">(\d+)<\/td>/gs))
    out[m[1]] = Number(m[2]);
  return out;
}

describe('守望之家 as registered units', () => {
  it('a station registers a unit of its villages; the households it covers match the register on the pages', async () => {
    const [huashi, xintang] = f.villages;
    await addRecipient(t, f, { name: '王奶奶', townshipId: f.x.id, villageId: huashi.id, seq: 11 });
    await addRecipient(t, f, { name: '赵爷爷', townshipId: f.x.id, villageId: xintang.id, seq: 13, level: 'self' });
    // Neither counts: one lives in a nursing home, one has left the register.
    await addRecipient(t, f, { name: '院里', townshipId: f.x.id, villageId: huashi.id, seq: 15, mode: 'institution' });
    const gone = await addRecipient(t, f, { name: '已退出', townshipId: f.x.id, villageId: huashi.id, seq: 17 });
    await t.database.db.update(s.recipients).set({ status: 'exited' }).where(eq(s.recipients.id, gone.id));

    const created = await as.stationX.post('/care-units', {
      name: '花石村守望之家',
      townshipId: String(f.x.id),
      villageIds: [String(huashi.id), String(xintang.id)],
      contactName: '周组长',
    });
    expect(created.status).toBe(303);
    const unitPath = created.headers.get('location')!;
    const expected = await registerCount([huashi.id, xintang.id]);
    expect(expected).toBe(3); // 张老汉 of the fixture, 王奶奶, 赵爷爷
    expect(countsOnList(await (await as.stationX.get('/care-units')).text())).toEqual({ 花石村守望之家: expected });
    const page = await (await as.stationX.get(unitPath)).text();
    expect(page).toContain(`本单位走访 ${expected} 户`);
    expect(page).toContain('花石村、新塘村');
    for (const name of ['张老汉', '王奶奶', '赵爷爷']) expect(page).toContain(name);
    for (const name of ['院里', '已退出']) expect(page).not.toContain(name);
    // The other township's station and everyone else: 404 / 403; the county admin sees it.
    expect((await as.stationY.get(unitPath)).status).toBe(404);
    expect((await as.coordA.get(unitPath)).status).toBe(403);
    expect((await as.admin.get(unitPath)).status).toBe(200);
    expect(countsOnList(await (await as.stationY.get('/care-units')).text())).toEqual({});
  });

  it('a household of a shared village assigned to one unit leaves the other: counts and scope follow', async () => {
    const [huashi] = f.villages;
    const other = await addRecipient(t, f, { name: '王奶奶', townshipId: f.x.id, villageId: huashi.id, seq: 11 });
    const a = await addUnit(t, '甲守望之家', f.x.id, [huashi.id]);
    const b = await addUnit(t, '乙守望之家', f.x.id, [huashi.id]);
    expect(countsOnList(await (await as.stationX.get('/care-units')).text())).toEqual({ 甲守望之家: 2, 乙守望之家: 2 });
    const assigned = await as.stationX.post(`/care-units/${b}/households/${other.id}`, { assign: '1' });
    expect(assigned.status).toBe(303);
    expect(countsOnList(await (await as.stationX.get('/care-units')).text())).toEqual({ 甲守望之家: 1, 乙守望之家: 2 });
    expect(await (await as.stationX.get(`/care-units/${a}`)).text()).toContain('已指定给「乙守望之家」');
    // A member of 甲 no longer reaches her; a member of 乙 does.
    const memberA = await memberBrowser(t, a, 'jia01');
    const memberB = await memberBrowser(t, b, 'yi01');
    expect(await (await memberA.get('/care')).text()).not.toContain('王奶奶');
    expect(await (await memberB.get('/care')).text()).toContain('王奶奶');
    const on = '2026-11-24';
    expect((await memberA.post('/care', { recipientId: String(other.id), on, outcome: 'visited' })).status).toBe(404);
    // Released: back to the village rule, both units cover her again.
    await as.stationX.post(`/care-units/${b}/households/${other.id}`, { assign: '0' });
    expect(countsOnList(await (await as.stationX.get('/care-units')).text())).toEqual({ 甲守望之家: 2, 乙守望之家: 2 });
    // A household outside the unit's villages cannot be assigned to it.
    expect((await as.stationX.post(`/care-units/${a}/households/${f.ry.id}`, { assign: '1' })).status).toBe(404);
  });

  it('refuses a unit without villages, with a village of another township, or of another station, writing nothing', async () => {
    const before = await t.database.db.$count(s.organisations);
    const none = await as.stationX.post('/care-units', { name: '空', townshipId: String(f.x.id) });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请至少选择一个覆盖村。');
    const foreignVillage = await as.stationX.post('/care-units', {
      name: '越界',
      townshipId: String(f.x.id),
      villageIds: String(f.villages[2].id),
    });
    expect(foreignVillage.status).toBe(422);
    expect(await foreignVillage.text()).toContain('所选的村不属于该乡镇。');
    const otherTownship = await as.stationX.post('/care-units', {
      name: '越界',
      townshipId: String(f.y.id),
      villageIds: String(f.villages[2].id),
    });
    expect(otherTownship.status).toBe(422);
    expect(await otherTownship.text()).toContain('只能登记本乡镇的守望之家。');
    await addUnit(t, '花石村守望之家', f.x.id, [f.villages[0].id]);
    const dup = await as.stationX.post('/care-units', {
      name: '花石村守望之家',
      townshipId: String(f.x.id),
      villageIds: String(f.villages[1].id),
    });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('已有同名的守望之家。');
    expect(await t.database.db.$count(s.organisations)).toBe(before + 1);
  });

  it('edits a unit (villages replaced) and adds members, with no station-chosen login or password', async () => {
    const unit = await addUnit(t, '花石村守望之家', f.x.id, [f.villages[0].id]);
    const edit = await as.stationX.get(`/care-units/${unit}/edit`);
    expect(await edit.text()).toContain(`value="${f.villages[0].id}" checked`);
    const saved = await as.stationX.post(`/care-units/${unit}`, {
      name: '花石新塘守望之家',
      townshipId: String(f.x.id),
      villageIds: [String(f.villages[1].id)],
    });
    expect(saved.status).toBe(303);
    const villages = await t.database.db.select().from(s.careUnitVillages).where(eq(s.careUnitVillages.unitId, unit));
    expect(villages.map((v) => v.villageId)).toEqual([f.villages[1].id]);

    const bad = await as.stationX.post(`/care-units/${unit}/members`, { name: '李医生', memberRole: 'surgeon' });
    expect(bad.status).toBe(422);
    expect(await t.database.db.$count(s.careUnitMembers)).toBe(0);
    // A username and password sent anyway (an old form) are ignored: the login comes by activation code only.
    const ok = await as.stationX.post(`/care-units/${unit}/members`, {
      name: '李医生',
      memberRole: 'village_doctor',
      mobile: '137-0000-0001',
      username: 'lidoc',
      password: 'a long enough password',
    });
    expect(ok.status).toBe(303);
    const member = await t.database.db.select().from(s.careUnitMembers).get();
    expect(member).toMatchObject({ name: '李医生', memberRole: 'village_doctor', mobile: '13700000001', userId: null });
    expect(await t.database.db.select().from(s.users).where(eq(s.users.username, 'lidoc')).get()).toBeUndefined();
    const page = await (await as.stationX.get(`/care-units/${unit}`)).text();
    expect(page).toContain('村医');
    expect(page).toContain('137****0001');
    expect(page).toContain('未开通');
    // Station Y cannot add members to X's unit.
    expect((await as.stationY.post(`/care-units/${unit}/members`, { name: 'x', memberRole: 'leader' })).status).toBe(
      404,
    );
    const audit = await t.database.db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entity, 'care_unit_member'), sql`1 = 1`))
      .all();
    expect(audit).toHaveLength(1);
  });
});
