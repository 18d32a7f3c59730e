// Voiding an activity (作废): all its lines reversed in one batch, the activity marked void and audited; it leaves
// every count of the summary (whose cache follows the void) and stays in the history; a wrong household is corrected
// by voiding and recording again from the form filled in.

import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { activityVoids, auditLog, ledgerLines } from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { recordActivity } from '../../src/modules/ledger/service.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { onOrganisationPlan, organisation, recipient, township } from '../setup/ledger-fixtures.js';

let t: TestApp;
const ids: Record<string, number> = {};

beforeEach(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const cipher = cipherFor(t.config);
  ids.A = await township(db, '易俗河镇');
  ids.org = await organisation(db, '湘潭县爱心协会', 'social_org', null);
  ids.r1 = await recipient(db, cipher, '王秀英', ids.A);
  ids.r2 = await recipient(db, cipher, '李桂兰', ids.A);
  await onOrganisationPlan(db, ids.org, ids.A, ids.r1);
  await onOrganisationPlan(db, ids.org, ids.A, ids.r2);
});

const coordinator = async (): Promise<Browser> =>
  (await loginAs(t, 'org_coordinator', { organisationId: ids.org })).browser;

const sentence = async (b: Browser) => {
  const html = await (await b.get('/reports/aid?year=2026')).text();
  return html.match(/\d+家社会组织[^<]*/)?.[0] ?? html;
};

async function recordWrong(b: Browser) {
  const res = await b.post('/activities', {
    idempotencyKey: 'w'.repeat(20),
    organisationId: String(ids.org),
    occurredOn: '2026-11-24',
    kind: 'condolence',
    recipientIds: [String(ids.r1)],
    lineKind: ['cash', 'goods'],
    lineAmount: ['300', '120.50'],
    lineGoodsName: ['', '大米'],
    lineSource: ['donation', 'self_raised'],
  });
  expect(res.status).toBe(303);
  return Number(res.headers.get('location')!.split('/').pop());
}

describe('voiding an activity', () => {
  it('refuses without a reason and changes nothing', async () => {
    const b = await coordinator();
    const id = await recordWrong(b);
    const res = await b.post(`/activities/${id}/void`, { reason: '  ' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('请填写作废原因。');
    expect(await t.database.db.select().from(activityVoids)).toEqual([]);
    expect(await t.database.db.select().from(ledgerLines).where(eq(ledgerLines.activityId, id))).toHaveLength(2);
  });

  it('reverses every line, keeps the activity in the history, leaves the counts and opens the form filled in', async () => {
    const b = await coordinator();
    const id = await recordWrong(b);
    expect(await sentence(b)).toContain('1户分散供养特困人员，年帮扶1次，帮扶资金物资共计420.50元');

    const res = await b.post(`/activities/${id}/void`, { reason: '录错对象', next: 'again' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/activities/new?from=${id}`);

    const lines = await t.database.db.select().from(ledgerLines).where(eq(ledgerLines.activityId, id));
    expect(lines).toHaveLength(4);
    expect(lines.reduce((a, l) => a + l.amountFen, 0)).toBe(0);
    expect(lines.filter((l) => l.reversesLineId !== null).map((l) => [l.fundingSource, l.reason])).toEqual([
      ['donation', '录错对象'],
      ['self_raised', '录错对象'],
    ]);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'void'));
    expect(audit.map((a) => [a.entity, a.entityId])).toEqual([['activity', String(id)]]);

    // Out of every count, at once (the cached summary follows the void).
    expect(await sentence(b)).toContain('0户分散供养特困人员，年帮扶0次，帮扶资金物资共计0元');
    // Still in the history, marked, with its reason; no reversal or void offered any more.
    const list = await (await b.get('/activities')).text();
    expect(list).toContain('已作废');
    const detail = await (await b.get(`/activities/${id}`)).text();
    expect(detail).toContain('原因：录错对象');
    expect(detail).not.toContain('id="void-form"');
    expect(detail).not.toContain(`/activities/${id}/lines/`);

    // The form filled in from it: the same organisation, date, kind, lines and sources; the household to correct.
    const form = await (await b.get(`/activities/new?from=${id}`)).text();
    expect(form).toContain(`正在按已作废的活动 #${id} 重新登记`);
    expect(form).toMatch(/name="occurredOn"[^>]*value="2026-11-24"/);
    expect(form).toContain('value="300.00"');
    expect(form).toContain('value="120.50"');
    expect(form).toMatch(/<option value="donation" selected/);
    expect(form).toMatch(/<option value="self_raised" selected/);
    expect(form).toMatch(new RegExp(`value="${ids.r1}"[^>]*checked`));

    const again = await b.post(`/activities/${id}/void`, { reason: '再次' });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('该活动已作废。');
  });

  it('leaves the counts even with no lines: the void alone moves the cached summary', async () => {
    const b = await coordinator();
    const r = await recordActivity(
      t.database.db,
      {
        organisationId: ids.org,
        occurredOn: '2026-11-25',
        kind: 'home_visit',
        serviceDayId: null,
        shiftId: null,
        note: null,
        recipientIds: [ids.r2],
        nursingHomeIds: [],
        lines: [],
      },
      { idempotencyKey: 'no-lines-0001', actorUserId: null, now: new Date() },
    );
    if (!r.ok) throw new Error(r.reason);
    expect(await sentence(b)).toContain('1户分散供养特困人员，年帮扶1次');
    expect((await b.post(`/activities/${r.id}/void`, { reason: '重复登记' })).status).toBe(303);
    expect(await sentence(b)).toContain('0户分散供养特困人员，年帮扶0次');
  });
});
