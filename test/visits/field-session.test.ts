import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { ABSOLUTE_TIMEOUT_MS, FIELD_IDLE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from '../../src/auth/session.js';
import * as s from '../../src/db/schema/index.js';
import { type Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';

let t: TestApp;
let p: PlanFixture;
let wang: Browser;
let assignment: number;
const MIN = 60_000;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T00:30:00Z'); // 08:30 on the service day in Shanghai
  p = await planFixture(t);
  const coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
  await coord.post(`/plans/${p.shift.id}/replan`);
  await coord.post(`/plans/${p.shift.id}/publish`);
  const rows = await t.database.db.select().from(s.planAssignments).where(eq(s.planAssignments.published, true));
  assignment = rows.find((r) => r.volunteerId === p.wang.id)!.id;
  wang = p.wang.browser!;
});

const loggedOut = (res: Response) => res.status === 302 && res.headers.get('location')!.startsWith('/login');

describe('the idle window of 今日走访', () => {
  it('keeps a volunteer logged in through a long visit on the field pages, not elsewhere', async () => {
    expect(FIELD_IDLE_TIMEOUT_MS).toBeGreaterThan(IDLE_TIMEOUT_MS);
    expect((await wang.get('/visits/today')).status).toBe(200);
    t.clock.advance(75 * MIN); // a visit of over an hour, the phone in a pocket
    expect((await wang.get(`/visits/today/${assignment}`)).status).toBe(200);
    t.clock.advance(90 * MIN);
    const saved = await wang.post(`/visits/today/${assignment}`, { outcome: 'visited' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/visits/today?date=2026-11-25');
    // The same idleness on another page still ends the session after 30 minutes.
    t.clock.advance(45 * MIN);
    expect(loggedOut(await wang.get('/shifts'))).toBe(true);
    expect(loggedOut(await wang.get('/visits/today'))).toBe(true); // and it is gone for good
  });

  it('ends after two hours idle even on the field pages', async () => {
    expect((await wang.get('/visits/today')).status).toBe(200);
    t.clock.advance(FIELD_IDLE_TIMEOUT_MS + 1);
    expect(loggedOut(await wang.get('/visits/today'))).toBe(true);
  });

  it('keeps the same absolute limit: 12 hours after login, however active', async () => {
    const steps = Math.floor(ABSOLUTE_TIMEOUT_MS / (100 * MIN));
    for (let i = 0; i < steps; i++) {
      t.clock.advance(100 * MIN);
      expect((await wang.get('/visits/today')).status).toBe(200);
    }
    t.clock.advance(ABSOLUTE_TIMEOUT_MS - steps * 100 * MIN);
    expect(loggedOut(await wang.get('/visits/today'))).toBe(true);
  });
});
