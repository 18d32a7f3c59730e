import { and, eq } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { serviceDaysJob } from '../../src/jobs/service-days.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { createTemplate } from '../../src/modules/service-days/templates.js';
import { createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { confirm } from '../setup/plans.js';
import type { RegistryFixture } from '../setup/registry.js';
import { addVolunteer, registryFixture } from '../setup/shifts.js';

let t: TestApp;
let f: RegistryFixture;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-20T02:00:00Z');
  f = await registryFixture(t);
  await createTemplate({
    db: t.database.db,
    actorUserId: null,
    now: t.clock.now(),
    organisationId: f.stationX.id,
    input: {
      title: '上午入户走访',
      place: '花石村委会',
      startTime: '08:30',
      endTime: '12:00',
      capacity: 2,
      workKind: 'home_visit',
    },
  });
  await serviceDaysJob.run({ db: t.database.db, now: t.clock.now(), config: t.config, logger: memoryLogger() });
});

const xShifts = () =>
  t.database.db
    .select()
    .from(s.shifts)
    .where(and(eq(s.shifts.townshipId, f.x.id), eq(s.shifts.organisationId, f.stationX.id)))
    .orderBy(s.shifts.startsAt);

describe("the volunteer's home", () => {
  it('shows the next shift with its time and meeting point, and the open shifts of their township to take in one tap', async () => {
    const v = await addVolunteer(t, { name: '小王', townshipId: f.x.id, login: true });
    const shifts = await xShifts();
    const withPlace = shifts.find((r) => r.place === '花石村委会' && r.date === '2026-11-25')!;
    await confirm(t, withPlace.id, v.id);
    const html = await (await v.browser!.get('/')).text();
    const page = parse(html);
    const next = page.querySelector('#home-next')!.text;
    expect(next).toContain('上午入户走访');
    expect(next).toContain('2026-11-25 08:30–12:00');
    expect(next).toContain('集合地点：花石村委会');
    expect(next).toContain('花石镇社工站');
    // Open shifts: township X only, the soonest first, never the one they hold; each a single POST button.
    const cards = page.querySelectorAll('#home-open article.shift-card');
    expect(cards.length).toBe(4);
    const ids = cards.map((c) => Number(c.getAttribute('id')!.replace('shift-', '')));
    const expected = shifts
      .filter((r) => r.id !== withPlace.id && r.startsAt.getTime() > t.clock.now().getTime())
      .map((r) => r.id)
      .slice(0, 4);
    expect(ids).toEqual(expected);
    for (const c of cards) {
      expect(c.text).toContain('花石镇');
      expect(c.text).not.toContain('射埠镇');
      const forms = c.querySelectorAll('form[method="post"]');
      expect(forms).toHaveLength(1);
      expect(forms[0].getAttribute('action')).toMatch(/^\/shifts\/\d+\/signup$/);
      expect(forms[0].querySelectorAll('input:not([type="hidden"]), select, textarea')).toHaveLength(0);
    }
    // No administrator text, no need for the menu.
    expect(html).not.toContain('先在登记册中添加乡镇');
    expect(html).not.toContain('/visits/compliance');
    expect(page.querySelector('#home-today')).toBeNull(); // no published plan today
    // One tap: the sign-up, back on the home page, where it is now the next shift.
    const first = ids[0];
    const tap = await v.browser!.post(`/shifts/${first}/signup`, {}, { referer: 'http://localhost/' });
    expect(tap.status).toBe(303);
    expect(tap.headers.get('location')).toBe('/');
    const [row] = await t.database.db
      .select()
      .from(s.shiftSignups)
      .where(and(eq(s.shiftSignups.shiftId, first), eq(s.shiftSignups.volunteerId, v.id)));
    expect(row.status).toBe('confirmed');
    const after = parse(await (await v.browser!.get('/')).text());
    expect(after.querySelectorAll('#home-open article.shift-card').map((c) => c.getAttribute('id'))).not.toContain(
      `shift-${first}`,
    );
  });

  it("links today's households when a plan is published for today, and counts only the published ones", async () => {
    t.clock.set('2026-11-25T00:00:00Z'); // 08:00 on the 25th in Shanghai
    const v = await addVolunteer(t, { name: '小李', townshipId: f.x.id, login: true });
    const shift = (await xShifts()).find((r) => r.date === '2026-11-25')!;
    await confirm(t, shift.id, v.id);
    const now = t.clock.now();
    const [plan] = await t.database.db
      .insert(s.visitPlans)
      .values({ shiftId: shift.id, status: 'published', publishedAt: now, createdAt: now, updatedAt: now })
      .returning();
    await t.database.db.insert(s.planAssignments).values([
      { planId: plan.id, published: true, volunteerId: v.id, recipientId: f.rx.id, position: 1 },
      { planId: plan.id, published: false, volunteerId: v.id, recipientId: f.rx.id, position: 1 },
    ]);
    const page = parse(await (await v.browser!.get('/')).text());
    expect(page.querySelector('#home-today')!.text).toContain('今天您有 1 户要走访。');
    expect(page.querySelector('#home-today a[href="/visits/today"]')).not.toBeNull();
    expect(page.querySelector('#home-next')!.text).toContain('2026-11-25 08:30–12:00');
  });

  it('tells a volunteer login without a volunteer record what to do, never the administrator’s empty state', async () => {
    const { browser } = await loginAs(t, 'volunteer');
    const html = await (await browser.get('/')).text();
    expect(html).toContain('您的账号尚未关联志愿者档案。请联系所在社工站：社工站可以在志愿者名册中为您的档案开通登录');
    expect(html).not.toContain('先在登记册中添加乡镇');
    // A volunteer with nothing open nearby is told so.
    const far = await addVolunteer(t, { name: '远方', townshipId: f.y.id, login: true });
    await t.database.db.update(s.shifts).set({ status: 'cancelled' }).where(eq(s.shifts.townshipId, f.y.id));
    const farHtml = await (await far.browser!.get('/')).text();
    expect(farHtml).toContain('本乡镇暂时没有可报名的班次。');
    expect(farHtml).toContain('您还没有报名班次');
    expect(farHtml).not.toContain('先在登记册中添加乡镇');
  });
});
