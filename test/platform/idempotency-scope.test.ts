import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { organisation, recipient, township } from '../setup/ledger-fixtures.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';

// A form's idempotency key lives in its user's own namespace, so one user's key can never
// block another user's submission (nor a key the server derives for someone else).
describe('idempotency keys scoped by user', () => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  beforeEach(async () => {
    t = await createTestApp();
    const db = t.database.db;
    ids.A = await township(db, '易俗河镇');
    ids.org1 = await organisation(db, '湘潭县爱心协会', 'social_org', null);
    ids.r1 = await recipient(db, cipherFor(t.config), '王秀英', ids.A);
  });

  const form = (key: string, amount: string) => ({
    idempotencyKey: key,
    organisationId: String(ids.org1),
    occurredOn: '2026-11-24',
    kind: 'home_visit',
    recipientIds: [String(ids.r1)],
    lineKind: ['cash'],
    lineAmount: [amount],
    lineGoodsName: [''],
    lineQuantity: [''],
    lineUnit: [''],
    lineServiceKind: [''],
    lineHours: [''],
    lineVolunteers: [''],
  });

  it("records another user's submission under a key someone else used first", async () => {
    // Two county administrators: both may record for any organisation and household, so only the key decides.
    const one: Browser = (await loginAs(t, 'county_admin')).browser;
    const two: Browser = (await loginAs(t, 'county_admin')).browser;
    const key = 'k'.repeat(24);
    expect((await one.post('/activities', form(key, '100'))).status).toBe(303);
    const theirs = await two.post('/activities', form(key, '250'));
    expect(theirs.status).toBe(303);
    const lines = await t.database.db.select().from(s.ledgerLines);
    expect(lines.map((l) => l.amountFen).sort((a, b) => Number(a) - Number(b))).toEqual([10000, 25000]);
    // The same user's double submit is still recorded once.
    expect((await two.post('/activities', form(key, '250'))).status).toBe(303);
    expect(await t.database.db.$count(s.activities)).toBe(2);
  });
});

describe("a volunteer's aid record cannot be pre-claimed", () => {
  let t: TestApp;
  let p: PlanFixture;
  beforeEach(async () => {
    t = await createTestApp();
    t.clock.set('2026-11-25T01:00:00Z');
    p = await planFixture(t);
  });

  it("records the volunteer's aid even after a coordinator posted a form with the volunteer's derived key", async () => {
    const coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
    // A county's ids are long enough for the derived key to pass the form's 16-character minimum.
    await t.database.db.run(sql`DELETE FROM sqlite_sequence WHERE name = 'plan_assignments'`);
    await t.database.db.run(sql`INSERT INTO sqlite_sequence (name, seq) VALUES ('plan_assignments', 100000)`);
    expect((await coord.post(`/plans/${p.shift.id}/replan`)).status).toBe(303);
    expect((await coord.post(`/plans/${p.shift.id}/publish`)).status).toBe(303);
    const [row] = await t.database.db
      .select()
      .from(s.planAssignments)
      .where(and(eq(s.planAssignments.published, true), eq(s.planAssignments.volunteerId, p.wang.id)));
    const derived = `visit-aid-${row.id}-${p.wang.userId}`;
    const claim = await coord.post('/activities', {
      idempotencyKey: derived,
      organisationId: String(p.f.orgA.id),
      occurredOn: '2026-11-25',
      kind: 'home_visit',
      recipientIds: [String(row.recipientId)],
      lineKind: ['cash'],
      lineAmount: ['1'],
      lineGoodsName: [''],
      lineQuantity: [''],
      lineUnit: [''],
      lineServiceKind: [''],
      lineHours: [''],
      lineVolunteers: [''],
    });
    expect(derived.length).toBeGreaterThanOrEqual(16);
    expect(claim.status).toBe(303);

    const res = await p.wang.browser!.post(`/visits/today/${row.id}`, { outcome: 'visited', aidCash: '50' });
    expect(res.status).toBe(303);
    const lines = await t.database.db.select().from(s.ledgerLines).where(eq(s.ledgerLines.amountFen, 5000));
    expect(lines).toHaveLength(1);
    expect(lines[0].createdBy).toBe(p.wang.userId);
  });
});
