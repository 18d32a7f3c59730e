import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { cadenceRules, needs, visits } from '../../src/db/schema/index.js';
import { addRecipient, addTownship, addVillage } from '../fixtures/recipients.js';
import { createTestApp, loginAs, PASSWORD, type TestApp } from '../setup/app.js';

let t: TestApp;
let east: number;
let west: number;
let ids: Record<string, number>;

// The clock reads 2026-11-24 10:00 in Shanghai.
beforeEach(async () => {
  t = await createTestApp();
  east = await addTownship(t, '易俗河镇');
  west = await addTownship(t, '花石镇');
  const upper = await addVillage(t, east, '上游村');
  const lower = await addVillage(t, east, '下游村');
  const registered = new Date('2026-11-01T02:00:00Z');
  ids = {
    fullYesterday: await addRecipient(t, {
      name: '王全失',
      townshipId: east,
      villageId: upper,
      careLevel: 'full',
      registered,
    }),
    selfLongAgo: await addRecipient(t, {
      name: '李自理',
      townshipId: east,
      villageId: lower,
      careLevel: 'self',
      registered,
    }),
    partialNever: await addRecipient(t, {
      name: '赵半失',
      townshipId: east,
      villageId: upper,
      careLevel: 'partial',
      registered: new Date('2026-11-20T02:00:00Z'),
    }),
    institution: await addRecipient(t, {
      name: '钱院内',
      townshipId: east,
      careLevel: 'full',
      supportMode: 'institution',
      registered,
    }),
    foreign: await addRecipient(t, { name: '孙外镇', townshipId: west, careLevel: 'self', registered }),
  };
  const db = t.database.db;
  const base = { kind: 'home_visit' as const, visitorKind: 'village_doctor' as const, createdAt: t.clock.now() };
  await db.insert(visits).values([
    { ...base, recipientId: ids.fullYesterday, visitedOn: '2026-11-23', outcome: 'visited' },
    { ...base, recipientId: ids.selfLongAgo, visitedOn: '2026-11-14', outcome: 'visited' },
    // Not at home does not count towards the cadence.
    { ...base, recipientId: ids.selfLongAgo, visitedOn: '2026-11-22', outcome: 'not_home' },
  ]);
});

function rowOf(html: string, id: number): string {
  const m = new RegExp(`<tr data-recipient="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  return m ? m[1] : '';
}

describe('overdue list', () => {
  it('shows a station its own home-supported recipients, most overdue first, with counts per care level', async () => {
    const { browser } = await loginAs(t, 'station_staff', { townshipId: east });
    const res = await browser.get('/visits/overdue');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('孙外镇'); // another township
    expect(html).not.toContain('钱院内'); // lives in a nursing home
    // Self-caring, last counted visit 14 Nov: due 21 Nov, 3 days overdue. Partly disabled, never visited,
    // registered 20 Nov: 4 days overdue. Fully disabled, visited yesterday: due today, 0 overdue.
    expect(rowOf(html, ids.selfLongAgo)).toMatch(/2026-11-14[\s\S]*2026-11-21[\s\S]*<td>3<\/td>/);
    expect(rowOf(html, ids.partialNever)).toMatch(/从未走访[\s\S]*2026-11-20[\s\S]*<td>4<\/td>/);
    expect(rowOf(html, ids.fullYesterday)).toMatch(/2026-11-23[\s\S]*2026-11-24[\s\S]*<td>0<\/td>/);
    const order = [ids.partialNever, ids.selfLongAgo, ids.fullYesterday].map((id) =>
      html.indexOf(`data-recipient="${id}"`),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain('全失能：共 1 人，逾期 0 人');
    expect(html).toContain('半失能：共 1 人，逾期 1 人');
    expect(html).toContain('全自理：共 1 人，逾期 1 人');
  });

  it('gives the county admin every township, with a township filter', async () => {
    const { browser } = await loginAs(t, 'county_admin');
    const all = await (await browser.get('/visits/overdue')).text();
    expect(all).toContain('孙外镇');
    expect(all).toContain('王全失');
    const filtered = await (await browser.get(`/visits/overdue?township=${west}`)).text();
    expect(filtered).toContain('孙外镇');
    expect(filtered).not.toContain('王全失');
  });

  it('recomputes due dates when the cadence rules change, and nothing else', async () => {
    await t.database.db
      .update(cadenceRules)
      .set({ intervalDays: 3, updatedAt: t.clock.now() })
      .where(eq(cadenceRules.careLevel, 'self'));
    const { browser } = await loginAs(t, 'station_staff', { townshipId: east });
    const html = await (await browser.get('/visits/overdue')).text();
    expect(rowOf(html, ids.selfLongAgo)).toMatch(/2026-11-17[\s\S]*<td>7<\/td>/);
    expect(await t.database.db.select().from(visits).all()).toHaveLength(3);
  });

  it('lets the county admin change the cadence on its page: due dates follow, bad input and other roles change nothing', async () => {
    const { browser: admin } = await loginAs(t, 'county_admin');
    const page = await admin.get('/visits/cadence');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="7"');
    const bad = await admin.post('/visits/cadence', { full: '1', partial: '2', self: '0' });
    expect(bad.status).toBe(422);
    const { browser: station } = await loginAs(t, 'station_staff', { townshipId: east });
    expect((await station.post('/visits/cadence', { full: '1', partial: '2', self: '14' })).status).toBe(403);
    expect(await t.database.db.$count(cadenceRules)).toBe(3);
    expect(
      (await t.database.db.select().from(cadenceRules).where(eq(cadenceRules.careLevel, 'self')))[0].intervalDays,
    ).toBe(7);
    // Fortnightly for the self-caring: visited 14 Nov, now due 28 Nov, not overdue on the 24th.
    expect((await admin.post('/visits/cadence', { full: '1', partial: '2', self: '14' })).status).toBe(303);
    const html = await (await station.get('/visits/overdue')).text();
    expect(rowOf(html, ids.selfLongAgo)).toMatch(/2026-11-14[\s\S]*2026-11-28[\s\S]*<td>0<\/td>/);
  });

  it('is closed to volunteers and coordinators', async () => {
    for (const role of ['volunteer', 'org_coordinator'] as const) {
      const { browser } = await loginAs(t, role);
      expect((await browser.get('/visits/overdue')).status).toBe(403);
      expect((await browser.get('/needs')).status).toBe(403);
      expect((await browser.get(`/visits/recipients/${ids.selfLongAgo}/new`)).status).toBe(403);
      expect(
        (
          await browser.post(`/visits/recipients/${ids.selfLongAgo}`, {
            visitedOn: '2026-11-24',
            kind: 'home_visit',
            visitorKind: 'volunteer',
            outcome: 'visited',
          })
        ).status,
      ).toBe(403);
    }
    expect(await t.database.db.select().from(visits).all()).toHaveLength(3);
  });
});

describe('recording a visit', () => {
  const visit = {
    visitedOn: '2026-11-24',
    kind: 'care_support',
    visitorKind: 'station_worker',
    visitorNames: '周社工',
    outcome: 'visited',
    notes: '精神状态好',
  };

  it('records the visit, which clears the overdue days, and shows no ID number or full mobile', async () => {
    const { browser, userId } = await loginAs(t, 'station_staff', { townshipId: east });
    const form = await browser.get(`/visits/recipients/${ids.selfLongAgo}/new`);
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain('登记走访：李自理');
    expect(page).not.toMatch(/43032119400101\d{3}X/);
    expect(page).not.toMatch(/1380000\d{4}/);
    const res = await browser.post(`/visits/recipients/${ids.selfLongAgo}`, visit);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/visits/overdue');
    const rows = await t.database.db.select().from(visits).where(eq(visits.recipientId, ids.selfLongAgo)).all();
    expect(rows.at(-1)).toMatchObject({
      visitedOn: '2026-11-24',
      kind: 'care_support',
      visitorKind: 'station_worker',
      visitorNames: '周社工',
      outcome: 'visited',
      recordedBy: userId,
    });
    const html = await (await browser.get('/visits/overdue')).text();
    expect(html).toContain('走访记录已保存。');
    expect(rowOf(html, ids.selfLongAgo)).toMatch(/2026-11-24[\s\S]*2026-12-01[\s\S]*<td>0<\/td>/);
    expect(await t.database.db.select().from(needs).all()).toHaveLength(0);
  });

  it('records an urgent need found on the visit, linked to it, and it reaches the board', async () => {
    const { browser } = await loginAs(t, 'station_staff', { townshipId: east });
    const res = await browser.post(`/visits/recipients/${ids.partialNever}`, {
      ...visit,
      needCategory: 'housing',
      needUrgency: 'urgent',
      needText: '屋顶漏雨',
    });
    expect(res.status).toBe(303);
    const [v] = await t.database.db.select().from(visits).where(eq(visits.recipientId, ids.partialNever)).all();
    const [n] = await t.database.db.select().from(needs).all();
    expect(n).toMatchObject({
      recipientId: ids.partialNever,
      visitId: v.id,
      category: 'housing',
      urgency: 'urgent',
      text: '屋顶漏雨',
      status: 'open',
      openedOn: '2026-11-24',
    });
    const board = await (await browser.get('/needs')).text();
    expect(board).toMatch(
      /id="needs-open"[\s\S]*赵半失[\s\S]*住房 · (?:<span class="urgency">)?紧急[\s\S]*屋顶漏雨[\s\S]*id="needs-assigned"/,
    );
  });

  it('re-renders with 422 and the values typed on bad input, writing nothing', async () => {
    const { browser } = await loginAs(t, 'station_staff', { townshipId: east });
    const bad = await browser.post(`/visits/recipients/${ids.selfLongAgo}`, { ...visit, outcome: 'vanished' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('请选择一个有效选项。');
    const res = await browser.post(`/visits/recipients/${ids.selfLongAgo}`, { ...visit, needText: '缺米' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('填写了诉求内容时，请选择类别。');
    expect(html).toContain('value="缺米"');
    const future = await browser.post(`/visits/recipients/${ids.selfLongAgo}`, { ...visit, visitedOn: '2026-11-25' });
    expect(future.status).toBe(422);
    expect(await future.text()).toContain('走访日期不能晚于今天。');
    expect(await t.database.db.select().from(visits).all()).toHaveLength(3);
    expect(await t.database.db.select().from(needs).all()).toHaveLength(0);
  });

  it('answers 404 to station staff of another township, for the form and the post', async () => {
    const { browser } = await loginAs(t, 'station_staff', { townshipId: west });
    expect((await browser.get(`/visits/recipients/${ids.selfLongAgo}/new`)).status).toBe(404);
    expect((await browser.post(`/visits/recipients/${ids.selfLongAgo}`, visit)).status).toBe(404);
    expect((await browser.get(`/visits/recipients/${ids.foreign}/new`)).status).toBe(200);
    expect(await t.database.db.select().from(visits).all()).toHaveLength(3);
  });
});

describe('needs board', () => {
  async function openNeed(openedOn = '2026-11-20') {
    const [n] = await t.database.db
      .insert(needs)
      .values({
        recipientId: ids.selfLongAgo,
        category: 'food',
        text: '缺米缺油',
        openedOn,
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .returning({ id: needs.id });
    return n.id;
  }

  it('moves a need open → assigned → resolved and shows how long it stayed open', async () => {
    const id = await openNeed();
    const { browser } = await loginAs(t, 'station_staff', { townshipId: east, username: 'station' });
    expect(await (await browser.get('/needs')).text()).toContain('已 4 天');
    // A day later (a new session: the old one has timed out).
    const nextDay = async () => {
      t.clock.advance(86_400_000);
      await browser.post('/login', { username: 'station', password: PASSWORD });
    };
    await nextDay();
    expect((await browser.post(`/needs/${id}/assign`, { assignee: '村委刘主任' })).status).toBe(303);
    expect(await t.database.db.select().from(needs).where(eq(needs.id, id)).get()).toMatchObject({
      status: 'assigned',
      assignee: '村委刘主任',
      assignedOn: '2026-11-25',
    });
    const assigned = await (await browser.get('/needs')).text();
    expect(assigned).toMatch(/id="needs-assigned"[\s\S]*缺米缺油[\s\S]*id="needs-resolved"/);
    expect(assigned).toContain('已 5 天');
    await nextDay();
    expect((await browser.post(`/needs/${id}/resolve`, { resolution: '送去大米一袋' })).status).toBe(303);
    expect(await t.database.db.select().from(needs).where(eq(needs.id, id)).get()).toMatchObject({
      status: 'resolved',
      resolvedOn: '2026-11-26',
    });
    const resolved = await (await browser.get('/needs')).text();
    expect(resolved).toMatch(/id="needs-resolved"[\s\S]*6 天内解决[\s\S]*缺米缺油/);
    // A second resolve changes nothing and says so.
    expect((await browser.post(`/needs/${id}/resolve`, { resolution: '再次' })).status).toBe(303);
    expect(await (await browser.get('/needs')).text()).toContain('该诉求当前状态不能进行此操作。');
    expect((await t.database.db.select().from(needs).where(eq(needs.id, id)).get())!.resolution).toBe('送去大米一袋');
  });

  it('re-renders the board with 422 when the assignee is empty', async () => {
    const id = await openNeed();
    const { browser } = await loginAs(t, 'station_staff', { townshipId: east });
    const res = await browser.post(`/needs/${id}/assign`, { assignee: '  ' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('此项必填。');
    expect((await t.database.db.select().from(needs).where(eq(needs.id, id)).get())!.status).toBe('open');
  });

  it('hides another township’s needs and answers 404 to moving them', async () => {
    const id = await openNeed();
    const { browser } = await loginAs(t, 'station_staff', { townshipId: west });
    expect(await (await browser.get('/needs')).text()).not.toContain('缺米缺油');
    expect((await browser.post(`/needs/${id}/assign`, { assignee: '某人' })).status).toBe(404);
    expect((await browser.post(`/needs/${id}/resolve`, { resolution: '某事' })).status).toBe(404);
    expect((await t.database.db.select().from(needs).where(eq(needs.id, id)).get())!.status).toBe('open');
    const admin = await loginAs(t, 'county_admin');
    expect(await (await admin.browser.get('/needs')).text()).toContain('缺米缺油');
  });
});
