import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { confirm, type PlanFixture, planFixture } from '../setup/plans.js';
import { addVolunteer } from '../setup/shifts.js';

let t: TestApp;
let p: PlanFixture;
let coord: Browser;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T01:00:00Z'); // 09:00 on the service day in Shanghai
  p = await planFixture(t);
  coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
});

const working = () => t.database.db.select().from(s.planAssignments).where(eq(s.planAssignments.published, false));
const published = () => t.database.db.select().from(s.planAssignments).where(eq(s.planAssignments.published, true));
const pairs = (rows: { volunteerId: number; recipientId: number }[]) =>
  rows.map((r) => `${r.volunteerId}:${r.recipientId}`).sort();

async function plan() {
  const res = await coord.post(`/plans/${p.shift.id}/replan`);
  expect(res.status).toBe(303);
}

describe('planning a shift', () => {
  it('assigns every due recipient of the township to the confirmed volunteers, at most four each, and shows it', async () => {
    const before = await coord.get(`/plans/${p.shift.id}`);
    expect(before.status).toBe(200);
    expect(await before.text()).toContain('尚未生成计划');
    expect(await t.database.db.$count(s.visitPlans)).toBe(0); // opening the page wrote nothing

    await plan();
    const rows = await working();
    const dueIds = [p.f.rx.id, ...Object.values(p.people)];
    expect(rows.map((r) => r.recipientId).sort((a, b) => a - b)).toEqual([...dueIds].sort((a, b) => a - b));
    for (const v of [p.wang.id, p.li.id]) {
      const mine = rows.filter((r) => r.volunteerId === v);
      expect(mine.length).toBeLessThanOrEqual(4);
      expect(mine.map((r) => r.position).sort()).toEqual(mine.map((_, i) => i + 1)); // a visiting order 1..n
    }
    expect(rows.some((r) => r.recipientId === p.f.ry.id)).toBe(false); // township Y is not this shift's

    const html = await (await coord.get(`/plans/${p.shift.id}`)).text();
    expect(html).toContain('待覆盖对象 6 户，已安排 6 户；确认志愿者 2 人');
    // Proven optimal within the time budget (decision 0053), and kept with the plan for the page.
    expect(html).toContain('最优（已证明）');
    const [record] = await t.database.db.select().from(s.visitPlans);
    expect(record.proof).toEqual({ optimal: true, gap: { covered: 0, priority: 0, travel: 0 }, timeLimitMs: 5000 });
    expect(html).toContain('王志愿');
    expect(html).toContain('周全失');
    expect(html).toContain('草稿');
  });

  it('covers the longest waiting first, and at an equal wait the self-caring first, when there are too few volunteers', async () => {
    await t.database.db
      .update(s.shiftSignups)
      .set({ status: 'cancelled' })
      .where(eq(s.shiftSignups.volunteerId, p.li.id));
    await plan();
    const got = (await working()).map((r) => r.recipientId).sort((a, b) => a - b);
    // Four places, nobody met by an organisation this quarter (the coverage rule, decision 0165): the five
    // registered on 1 Nov have waited three weeks, 张老汉 (registered yesterday) none; among the five the self-caring
    // (whose pooled subsidy buys these visits) go first, then the fully disabled, so the partly disabled is left.
    expect(got).toHaveLength(4);
    expect(got).toEqual([p.people.full1, p.people.full2, p.people.self1, p.people.self2].sort((a, b) => a - b));
    const html = await (await coord.get(`/plans/${p.shift.id}`)).text();
    expect(html).toContain('未能安排的待覆盖对象');
    expect(html).toContain('郑半失');
    expect(html).toContain('张老汉');
  });

  it('never breaks a requirement: skills, two visitors, exclusions', async () => {
    const now = t.clock.now();
    await t.database.db.insert(s.visitRequirements).values([
      { recipientId: p.people.self1, skills: ['counselling'], visitors: 1, updatedAt: now },
      { recipientId: p.people.full2, skills: [], visitors: 2, updatedAt: now },
    ]);
    await t.database.db
      .insert(s.visitExclusions)
      .values({ recipientId: p.people.partial, volunteerId: p.li.id, createdAt: now });
    await plan();
    const rows = await working();
    expect(rows.filter((r) => r.recipientId === p.people.self1).map((r) => r.volunteerId)).toEqual([p.wang.id]);
    expect(
      rows
        .filter((r) => r.recipientId === p.people.full2)
        .map((r) => r.volunteerId)
        .sort(),
    ).toEqual([p.wang.id, p.li.id].sort());
    expect(rows.filter((r) => r.recipientId === p.people.partial).map((r) => r.volunteerId)).toEqual([p.wang.id]);
  });

  it('keeps what the coordinator pinned or reassigned and never puts back what they removed', async () => {
    await plan();
    const first = await working();
    const target = first.find((r) => r.volunteerId === p.wang.id)!;
    // Reassign one of Wang's households to Li: it is pinned there.
    const moved = await coord.post(`/plans/${p.shift.id}/assignments/${target.id}/reassign`, {
      toVolunteerId: String(p.li.id),
    });
    expect(moved.status).toBe(303);
    // Remove one of Li's original households.
    const dropped = first.find((r) => r.volunteerId === p.li.id)!;
    await coord.post(`/plans/${p.shift.id}/assignments/${dropped.id}/remove`);
    expect((await working()).some((r) => r.id === dropped.id)).toBe(false);

    await plan(); // re-plan the rest
    const after = await working();
    const pinned = after.find((r) => r.recipientId === target.recipientId)!;
    expect(pinned.volunteerId).toBe(p.li.id);
    expect(pinned.pinned).toBe(true);
    expect(after.some((r) => r.volunteerId === p.li.id && r.recipientId === dropped.recipientId)).toBe(false);
    // The removed household is still visited, by the other volunteer.
    expect(after.find((r) => r.recipientId === dropped.recipientId)?.volunteerId).toBe(p.wang.id);
  });

  it('flags a volunteer who left the shift after planning, and re-planning hands their households to the others', async () => {
    await plan();
    await t.database.db
      .update(s.shiftSignups)
      .set({ status: 'cancelled' })
      .where(eq(s.shiftSignups.volunteerId, p.li.id));
    const page = await (await coord.get(`/plans/${p.shift.id}`)).text();
    expect(page).toContain('李志愿 · 已不在本班次，请重新计划');
    await plan();
    const rows = await working();
    expect(rows.every((r) => r.volunteerId === p.wang.id)).toBe(true);
    expect(rows).toHaveLength(4);
    expect(await (await coord.get(`/plans/${p.shift.id}`)).text()).not.toContain('已不在本班次');
  });

  it('refuses a reassignment that breaks a constraint and changes nothing', async () => {
    await t.database.db
      .insert(s.visitRequirements)
      .values({ recipientId: p.people.self1, skills: ['counselling'], visitors: 1, updatedAt: t.clock.now() });
    await plan();
    const before = await working();
    const row = before.find((r) => r.recipientId === p.people.self1)!;
    const res = await coord.post(`/plans/${p.shift.id}/assignments/${row.id}/reassign`, {
      toVolunteerId: String(p.li.id),
    });
    expect(res.status).toBe(303);
    expect(await (await coord.get(`/plans/${p.shift.id}`)).text()).toContain('该志愿者不符合这户的要求');
    expect(pairs(await working())).toEqual(pairs(before));
    const outsider = await addVolunteer(t, { townshipId: p.f.x.id });
    await coord.post(`/plans/${p.shift.id}/assignments/${row.id}/reassign`, { toVolunteerId: String(outsider.id) });
    expect(pairs(await working())).toEqual(pairs(before));
  });
});

describe('publishing', () => {
  it('notifies each volunteer once, and after a change only the volunteers whose lists changed', async () => {
    await plan();
    expect(await t.database.db.$count(s.outbox)).toBe(0); // planning alone tells nobody
    await coord.post(`/plans/${p.shift.id}/publish`);
    const sent = await t.database.db.select().from(s.outbox);
    expect(sent.map((m) => m.volunteerId).sort()).toEqual([p.wang.id, p.li.id].sort());
    expect(sent[0].body).toMatch(/2026-11-25 08:30「上午入户走访」：您有 \d 户走访任务/);
    expect(pairs(await published())).toEqual(pairs(await working()));

    await coord.post(`/plans/${p.shift.id}/publish`); // again: nothing changed
    expect(await t.database.db.$count(s.outbox)).toBe(2);
    expect(await (await coord.get(`/plans/${p.shift.id}`)).text()).toContain('已发布');

    // A change after publication shows on the page and reaches only the volunteer concerned.
    const lis = (await working()).find((r) => r.volunteerId === p.li.id)!;
    await coord.post(`/plans/${p.shift.id}/assignments/${lis.id}/remove`);
    const page = await (await coord.get(`/plans/${p.shift.id}`)).text();
    expect(page).toContain('发布后的变动');
    expect(page).toMatch(/李志愿<\/strong>[\s\S]*?移除：/);
    // Volunteers still see the published list until the next publication.
    expect(
      (await published()).some(
        (r) => r.id !== lis.id && r.recipientId === lis.recipientId && r.volunteerId === p.li.id,
      ),
    ).toBe(true);
    await coord.post(`/plans/${p.shift.id}/publish`);
    const all = await t.database.db.select().from(s.outbox);
    expect(all).toHaveLength(3);
    expect(all[2].volunteerId).toBe(p.li.id);
  });
});

describe('a cancelled shift', () => {
  it("is neither planned nor published again, and its published households leave the volunteers' day", async () => {
    await plan();
    await coord.post(`/plans/${p.shift.id}/publish`);
    await coord.post(`/shifts/${p.shift.id}/cancel-shift`);
    const before = pairs(await working());
    const res = await coord.post(`/plans/${p.shift.id}/replan`);
    expect(res.status).toBe(303);
    expect(await (await coord.get(`/plans/${p.shift.id}`)).text()).toContain('班次已取消');
    expect(pairs(await working())).toEqual(before);
    const outbox = await t.database.db.$count(s.outbox);
    await coord.post(`/plans/${p.shift.id}/publish`);
    expect(await t.database.db.$count(s.outbox)).toBe(outbox);
    expect(await (await p.wang.browser!.get('/visits/today')).text()).toContain('这一天没有分配给您的走访对象');
  });
});

describe('who may plan', () => {
  it('lets the shift organisation, the township station and the county plan; others get 404 or 403', async () => {
    const stationX = (await loginAs(t, 'station_staff', { townshipId: p.f.x.id })).browser;
    const stationY = (await loginAs(t, 'station_staff', { townshipId: p.f.y.id })).browser;
    const coordB = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgB.id })).browser;
    const admin = (await loginAs(t, 'county_admin')).browser;
    for (const b of [stationX, admin, coord]) expect((await b.get(`/plans/${p.shift.id}`)).status).toBe(200);
    for (const b of [stationY, coordB]) {
      expect((await b.get(`/plans/${p.shift.id}`)).status).toBe(404);
      expect((await b.post(`/plans/${p.shift.id}/replan`)).status).toBe(404);
    }
    expect((await p.wang.browser!.get(`/plans/${p.shift.id}`)).status).toBe(403);
    expect((await p.wang.browser!.post(`/plans/${p.shift.id}/publish`)).status).toBe(403);
    expect(await t.database.db.$count(s.visitPlans)).toBe(0);
  });
});

describe('route sheets', () => {
  it('print one sheet per volunteer with their households and a sign-in column', async () => {
    await plan();
    await coord.post(`/plans/${p.shift.id}/publish`);
    const html = await (await coord.get(`/plans/${p.shift.id}/sheets`)).text();
    expect(html.match(/<section class="sheet"/g)).toHaveLength(2);
    expect(html).toContain('签收（对象或照护人签名）');
    expect(html).toContain('志愿者：王志愿');
    for (const r of await published()) {
      const section = new RegExp(`<section class="sheet" data-volunteer="${r.volunteerId}">[\\s\\S]*?</section>`).exec(
        html,
      )![0];
      const [name] = (
        await t.database.db
          .select({ n: s.recipients.name })
          .from(s.recipients)
          .where(eq(s.recipients.id, r.recipientId))
      ).map((x) => x.n);
      expect(section).toContain(name);
    }
    expect(html).not.toContain('13911112222'); // caregiver mobiles masked
  });
});

describe("the volunteer's day", () => {
  beforeEach(async () => {
    await plan();
    await coord.post(`/plans/${p.shift.id}/publish`);
  });

  it('lists only their own households, in order, with only the fields a visit needs', async () => {
    const res = await p.wang.browser!.get('/visits/today');
    expect(res.status).toBe(200);
    const html = await res.text();
    const mine = (await published()).filter((r) => r.volunteerId === p.wang.id).sort((a, b) => a.position - b.position);
    const theirs = (await published()).filter((r) => r.volunteerId === p.li.id);
    const names = async (ids: number[]) =>
      Promise.all(
        ids.map(async (id) => (await t.database.db.select().from(s.recipients).where(eq(s.recipients.id, id)))[0]),
      );
    const own = await names(mine.map((r) => r.recipientId));
    const positions = own.map((r) => html.indexOf(r.name));
    expect(positions.every((i) => i > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const r of await names(theirs.map((x) => x.recipientId))) expect(html).not.toContain(r.name);
    for (const r of own) {
      expect(html).not.toContain(`${r.idNumberMasked.slice(0, 6)}19`); // no ID number, not even its birth date part
      if (r.caregiverMobileMasked) expect(html).toContain(r.caregiverMobileMasked);
    }
    expect(html).not.toContain('13911112222');
    expect(html).not.toMatch(/43032119\d{9}[\dX]/);
  });

  it('records an outcome with a need: the visit counts, the need reaches the station board, a second tap is refused', async () => {
    const row = (await published()).find((r) => r.volunteerId === p.wang.id)!;
    const form = {
      outcome: 'visited',
      notes: '精神尚可',
      needCategory: 'health',
      needUrgency: 'normal',
      needText: '腿疼需要就医',
    };
    expect((await p.wang.browser!.post(`/visits/today/${row.id}`, form)).status).toBe(303);
    expect((await p.wang.browser!.post(`/visits/today/${row.id}`, form)).status).toBe(303);
    const visits = await t.database.db.select().from(s.visits).where(eq(s.visits.recipientId, row.recipientId));
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({
      visitedOn: '2026-11-25',
      visitorKind: 'volunteer',
      volunteerIds: [p.wang.id],
      outcome: 'visited',
    });
    const needs = await t.database.db.select().from(s.needs);
    expect(needs).toHaveLength(1);
    expect(needs[0]).toMatchObject({
      recipientId: row.recipientId,
      visitId: visits[0].id,
      category: 'health',
      status: 'open',
    });
    const station = (await loginAs(t, 'station_staff', { townshipId: p.f.x.id })).browser;
    expect(await (await station.get('/needs')).text()).toContain('腿疼需要就医');
    expect(await (await p.wang.browser!.get('/visits/today')).text()).toContain('已登记：已走访');
    // The coordinator follows the day on the plan page.
    const planPage = await (await coord.get(`/plans/${p.shift.id}`)).text();
    expect(planPage).toMatch(
      new RegExp(`data-recipient="${row.recipientId}"[^>]*>(?:(?!</tr>)[\\s\\S])*<td class="outcome">已走访</td>`),
    );
  });

  it('puts cash and goods handed over into the aid ledger under the shift organisation, once', async () => {
    const row = (await published()).find((r) => r.volunteerId === p.wang.id)!;
    const form = {
      outcome: 'visited',
      aidCash: '200',
      aidGoodsName: '大米',
      aidGoodsQuantity: '2',
      aidGoodsUnit: '袋',
      aidGoodsValue: '120.50',
    };
    expect((await p.wang.browser!.post(`/visits/today/${row.id}`, form)).status).toBe(303);
    expect((await p.wang.browser!.post(`/visits/today/${row.id}`, form)).status).toBe(303);
    const acts = await t.database.db.select().from(s.activities);
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({
      organisationId: p.f.orgA.id,
      occurredOn: '2026-11-25',
      shiftId: p.shift.id,
      kind: 'home_visit',
    });
    const lines = await t.database.db.select().from(s.ledgerLines).where(eq(s.ledgerLines.activityId, acts[0].id));
    expect(lines.map((l) => [l.kind, l.amountFen, l.goodsName, l.quantity, l.unit]).sort()).toEqual([
      ['cash', 20_000, null, null, null],
      ['goods', 12_050, '大米', 2, '袋'],
    ]);
    const targets = await t.database.db.select().from(s.activityTargets);
    expect(targets).toMatchObject([{ activityId: acts[0].id, recipientId: row.recipientId }]);
  });

  it('refuses aid with a bad amount or goods without a value, writing nothing', async () => {
    const row = (await published()).find((r) => r.volunteerId === p.wang.id)!;
    for (const form of <Record<string, string>[]>[
      { outcome: 'visited', aidCash: '两百' },
      { outcome: 'visited', aidGoodsName: '大米' },
      { outcome: 'visited', aidCash: '-5' },
    ]) {
      const res = await p.wang.browser!.post(`/visits/today/${row.id}`, form);
      expect(res.status).toBe(422);
    }
    expect(await t.database.db.$count(s.visits)).toBe(0);
    expect(await t.database.db.$count(s.activities)).toBe(0);
  });

  it("refuses bad input, another volunteer's household and a visit before its day, writing nothing", async () => {
    const row = (await published()).find((r) => r.volunteerId === p.wang.id)!;
    const bad = await p.wang.browser!.post(`/visits/today/${row.id}`, { outcome: 'visited', needText: '没有类别' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请选择类别');
    expect((await p.li.browser!.post(`/visits/today/${row.id}`, { outcome: 'visited' })).status).toBe(404);
    expect((await p.li.browser!.get(`/visits/today/${row.id}`)).status).toBe(404);
    t.clock.set('2026-11-24T15:59:00Z'); // 23:59 the evening before
    const early = await p.wang.browser!.post(`/visits/today/${row.id}`, { outcome: 'visited' });
    expect(early.status).toBe(422);
    expect(await t.database.db.$count(s.visits)).toBe(0);
  });

  it('calls the caregiver through an audited POST that answers a tappable tel: link, never printing it elsewhere', async () => {
    const row = (await published()).find((r) => r.recipientId === p.people.self2)!;
    const owner = row.volunteerId === p.wang.id ? p.wang : p.li;
    expect(await (await owner.browser!.get('/visits/today')).text()).not.toContain('13911112222');
    const res = await owner.browser!.post(`/visits/today/${row.id}/call`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('href="tel:13911112222"');
    const audit = await t.database.db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.action, 'reveal'), eq(s.auditLog.entityId, String(p.people.self2))));
    expect(audit).toHaveLength(1);
  });

  it('tells a volunteer login without a volunteer record what is missing, instead of an error', async () => {
    const { browser } = await loginAs(t, 'volunteer');
    const res = await browser.get('/visits/today');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('尚未关联志愿者档案');
  });

  it('shows nothing from a plan that is not published yet', async () => {
    const other = await addVolunteer(t, { name: '新志愿', townshipId: p.f.x.id, login: true });
    await confirm(t, p.shift.id, other.id);
    await plan(); // the working copy may now give 新志愿 households, but it is not published
    expect(await (await other.browser!.get('/visits/today')).text()).toContain('这一天没有分配给您的走访对象');
  });
});

describe('visit requirements', () => {
  it('lets the station set skills, two visitors and exclusions, which the next plan follows', async () => {
    const station = (await loginAs(t, 'station_staff', { townshipId: p.f.x.id })).browser;
    const page = await station.get(`/visits/recipients/${p.people.full2}/requirements`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('李志愿');
    const saved = await station.post(`/visits/recipients/${p.people.full2}/requirements`, {
      skills: ['counselling'],
      visitors: '1',
      excluded: [String(p.li.id)],
    });
    expect(saved.status).toBe(303);
    expect(await t.database.db.select().from(s.visitRequirements)).toMatchObject([
      { recipientId: p.people.full2, skills: ['counselling'], visitors: 1 },
    ]);
    expect(await t.database.db.select().from(s.visitExclusions)).toMatchObject([
      { recipientId: p.people.full2, volunteerId: p.li.id },
    ]);
    const audit = await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.entity, 'visit_requirements'));
    expect(audit).toHaveLength(1);
    await plan();
    expect((await working()).filter((r) => r.recipientId === p.people.full2).map((r) => r.volunteerId)).toEqual([
      p.wang.id,
    ]);

    // Two visitors, and the exclusion lifted.
    await station.post(`/visits/recipients/${p.people.full2}/requirements`, { visitors: '2' });
    expect(await t.database.db.$count(s.visitExclusions)).toBe(0);
    await plan();
    expect(
      (await working())
        .filter((r) => r.recipientId === p.people.full2)
        .map((r) => r.volunteerId)
        .sort(),
    ).toEqual([p.wang.id, p.li.id].sort());
  });

  it('refuses unknown skills, a third visitor and volunteers of another township, changing nothing', async () => {
    const station = (await loginAs(t, 'station_staff', { townshipId: p.f.x.id })).browser;
    const foreign = await addVolunteer(t, { name: '外镇志愿', townshipId: p.f.y.id });
    for (const form of <Record<string, string>[]>[
      { visitors: '3' },
      { visitors: '1', skills: 'flying' },
      { visitors: '1', excluded: String(foreign.id) },
      { visitors: '1', excluded: 'x' },
    ]) {
      const res = await station.post(`/visits/recipients/${p.people.full2}/requirements`, form);
      expect(res.status).toBe(422);
    }
    const last = await station.post(`/visits/recipients/${p.people.full2}/requirements`, {
      visitors: '1',
      excluded: String(foreign.id),
    });
    expect(await last.text()).toContain('只能选择本乡镇登记的志愿者');
    expect(await t.database.db.$count(s.visitRequirements)).toBe(0);
    expect(await t.database.db.$count(s.visitExclusions)).toBe(0);
    const stationY = (await loginAs(t, 'station_staff', { townshipId: p.f.y.id })).browser;
    expect((await stationY.post(`/visits/recipients/${p.people.full2}/requirements`, { visitors: '2' })).status).toBe(
      404,
    );
  });
});
