import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { incubationEvents, organisations } from '../../src/db/schema/index.js';
import type { Browser, TestApp } from '../setup/app.js';
import { type RegistryFixture, type RoleName, registryApp } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

describe('organisations register', () => {
  it('lets the county admin register a social organisation, which starts as applied with a dated record', async () => {
    const res = await as.admin.post('/organisations', {
      name: '湘潭县夕阳红志愿者协会',
      kind: 'social_org',
      townshipId: String(f.x.id),
      incubationYear: '2026',
      contactName: '陈会长',
    });
    expect(res.status).toBe(303);
    const org = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, '湘潭县夕阳红志愿者协会'))
      .get();
    expect(org).toMatchObject({
      kind: 'social_org',
      incubationStage: 'applied',
      incubationYear: 2026,
      contactName: '陈会长',
    });
    expect(
      await t.database.db.select().from(incubationEvents).where(eq(incubationEvents.organisationId, org!.id)).all(),
    ).toHaveLength(1);

    const stage = await as.admin.post(`/organisations/${org!.id}/stage`, {
      stage: 'incubating',
      on: '2026-11-24',
      note: '入驻孵化中心',
    });
    expect(stage.status).toBe(303);
    const page = await (await as.admin.get(`/organisations/${org!.id}`)).text();
    expect(page).toContain('2026-11-24 · 孵化中 · 入驻孵化中心');
    expect(page).toContain('申请中');
  });

  it('refuses a duplicate name of the same kind and a second station in a township, with 422 and nothing written', async () => {
    const before = await t.database.db.$count(organisations);
    const dup = await as.admin.post('/organisations', { name: f.orgA.name, kind: 'social_org' });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('同类型中已有同名组织。');
    const station = await as.admin.post('/organisations', {
      name: '另一个社工站',
      kind: 'station',
      townshipId: String(f.x.id),
    });
    expect(station.status).toBe(422);
    expect(await station.text()).toContain('该乡镇已有社工站。');
    const noTownship = await as.admin.post('/organisations', { name: '无名敬老院', kind: 'nursing_home' });
    expect(await noTownship.text()).toContain('社工站和敬老院必须指定乡镇。');
    expect(await t.database.db.$count(organisations)).toBe(before);
  });

  it("counts each year's intake by the date organisations entered incubation, every year shown, against 10", async () => {
    const create = async (name: string) => {
      expect((await as.admin.post('/organisations', { name, kind: 'social_org' })).status).toBe(303);
      return (await t.database.db.select().from(organisations).where(eq(organisations.name, name)).get())!.id;
    };
    const stage = (id: number, to: string, on: string) =>
      as.admin.post(`/organisations/${id}/stage`, { stage: to, on, note: '' });
    const admitted2024 = await create('甲社工中心');
    const admitted2026 = await create('乙志愿者协会');
    const onlyApplied = await create('丙服务社');
    const withdrawnEarly = await create('丁互助会');
    // Dated history: the applications are today's records, so the earlier admissions are typed as they happened.
    await t.database.db.update(incubationEvents).set({ on: '2024-01-10' });
    expect((await stage(admitted2024, 'incubating', '2024-03-01')).status).toBe(303);
    expect((await stage(admitted2024, 'graduated', '2025-09-01')).status).toBe(303);
    expect((await stage(admitted2026, 'incubating', '2026-02-01')).status).toBe(303);
    expect((await stage(withdrawnEarly, 'withdrawn', '2024-05-01')).status).toBe(303);
    void onlyApplied;

    const html = await (await as.stationX.get('/organisations/intake')).text();
    expect(html).toContain('每年计划入驻 10 家社会组织。');
    const rows = [...html.matchAll(/<tr><td>(\d{4})<\/td><td>(\d+)<\/td><td>10<\/td>/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    // Independently: one admission dated 2024, none in 2025 (a graduation is not an intake), one in 2026.
    expect(rows).toEqual([
      [2024, 1],
      [2025, 0],
      [2026, 1],
    ]);
    expect(html).toMatch(/<td>2025<\/td><td>0<\/td><td>10<\/td><td class="error">差 10 家<\/td>/);
  });

  it('moves incubation forward only, dated after the last record and not in the future; refusals write nothing', async () => {
    const org = f.orgA.id;
    await t.database.db
      .insert(incubationEvents)
      .values({ organisationId: org, stage: 'applied', on: '2025-03-01', createdAt: t.clock.now() });
    await t.database.db.update(organisations).set({ incubationStage: 'applied' }).where(eq(organisations.id, org));
    const before = await t.database.db.$count(incubationEvents);
    const jump = await as.admin.post(`/organisations/${org}/stage`, { stage: 'graduated', on: '2025-06-01' });
    expect(jump.status).toBe(422);
    expect(await jump.text()).toContain('孵化只能按 申请 → 入驻孵化 → 出壳 的顺序前进');
    const early = await as.admin.post(`/organisations/${org}/stage`, { stage: 'incubating', on: '2025-02-01' });
    expect(await early.text()).toContain('日期不能早于上一次孵化记录。');
    const future = await as.admin.post(`/organisations/${org}/stage`, { stage: 'incubating', on: '2026-12-31' });
    expect(await future.text()).toContain('日期不能晚于今天。');
    expect(await t.database.db.$count(incubationEvents)).toBe(before);
    expect((await as.admin.post(`/organisations/${org}/stage`, { stage: 'withdrawn', on: '2025-04-01' })).status).toBe(
      303,
    );
    const back = await as.admin.post(`/organisations/${org}/stage`, { stage: 'applied', on: '2025-05-01' });
    expect(back.status).toBe(422);
    // A withdrawn organisation is offered no further stage at all.
    expect(await (await as.admin.get(`/organisations/${org}`)).text()).not.toContain(`/organisations/${org}/stage`);
  });

  it('lets stations and coordinators look but not change; volunteers not even look', async () => {
    expect((await as.coordA.get(`/organisations/${f.orgB.id}`)).status).toBe(200);
    expect((await as.coordA.post(`/organisations/${f.orgA.id}`, { name: 'x', kind: 'social_org' })).status).toBe(403);
    expect((await as.stationX.get('/organisations/new')).status).toBe(403);
    expect((await as.volunteer.get('/organisations')).status).toBe(403);
  });
});

describe('townships and villages', () => {
  it('lets the county admin add a township and a village with coordinates, refusing duplicates with 422', async () => {
    expect((await as.admin.post('/places', { name: '新设乡' })).status).toBe(303);
    const page = await (await as.admin.get('/places')).text();
    expect(page).toContain('新设乡');
    const dup = await as.admin.post('/places', { name: '花石镇' });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('已有同名的记录。');
    expect(
      (
        await as.admin.post('/places/villages', {
          townshipId: String(f.x.id),
          name: '新村',
          kind: 'village',
          lat: '27.6',
          lng: '112.7',
        })
      ).status,
    ).toBe(303);
    const bad = await as.admin.post('/places/villages', {
      townshipId: String(f.x.id),
      name: '坐标村',
      kind: 'village',
      lat: '200',
      lng: 'east',
    });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请输入有效的坐标。');
    expect(await (await as.admin.get('/places')).text()).toContain('新村（村）');
    expect((await as.stationX.get('/places')).status).toBe(403);
  });
});

describe('dashboard', () => {
  it('shows each role the counts of its own scope', async () => {
    const admin = await (await as.admin.get('/')).text();
    expect(admin).toMatch(/>2<\/a><p>在册特困人员/);
    const station = await (await as.stationX.get('/')).text();
    expect(station).toMatch(/>1<\/a><p>在册特困人员/);
    const coordinator = await (await as.coordA.get('/')).text();
    expect(coordinator).not.toContain('在册特困人员');
  });
});
