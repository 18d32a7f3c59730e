import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { FIELD_IDLE_TIMEOUT_MS } from '../../src/auth/session.js';
import * as s from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { KEEP_MS } from '../../src/modules/kept/service.js';
import { Browser, createTestApp, loginAs, ORIGIN, PASSWORD, type TestApp } from '../setup/app.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';

let t: TestApp;
let p: PlanFixture;
let assignment: number;
const MIN = 60_000;
const FORM = {
  outcome: 'visited',
  notes: '老人说腿疼',
  needCategory: 'health',
  needUrgency: 'normal',
  needText: '需要轮椅',
  aidCash: '50',
};

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T00:30:00Z');
  p = await planFixture(t);
  const coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
  await coord.post(`/plans/${p.shift.id}/replan`);
  await coord.post(`/plans/${p.shift.id}/publish`);
  const rows = await t.database.db.select().from(s.planAssignments).where(eq(s.planAssignments.published, true));
  assignment = rows.find((r) => r.volunteerId === p.wang.id)!.id;
});

const username = async (userId: number) =>
  (await t.database.db.select().from(s.users).where(eq(s.users.id, userId)))[0].username;

/** Posts the outcome form into an expired session; answers the redirect. */
async function postExpired(b: Browser) {
  expect((await b.get(`/visits/today/${assignment}`)).status).toBe(200);
  t.clock.advance(FIELD_IDLE_TIMEOUT_MS + MIN);
  return b.post(`/visits/today/${assignment}`, FORM);
}

/** The hidden fields of the resume page, as a form to post back (what a browser would send). */
function hiddenFields(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

describe('a form posted with an expired session', () => {
  it('is kept, encrypted, and after logging in again comes back filled; one tap saves it and lands on the list', async () => {
    const wang = p.wang.browser!;
    const res = await postExpired(wang);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fresume');
    expect(await t.database.db.$count(s.visits)).toBe(0); // nothing saved yet
    const [kept] = await t.database.db.select().from(s.keptSubmissions);
    expect(kept.path).toBe(`/visits/today/${assignment}`);
    expect(kept.bodyEnc).not.toContain('%E8'); // no plain form body at rest
    expect(await cipherFor(t.config).decrypt(kept.bodyEnc)).toContain('needText=');

    const login = await wang.get('/login?next=%2Fresume');
    expect(await login.text()).toContain('登录已过期。您刚才提交的内容已保留');
    const back = await wang.post('/login', {
      username: await username(p.wang.userId!),
      password: PASSWORD,
      next: '/resume',
    });
    expect(back.headers.get('location')).toBe('/resume');
    const page = await wang.get('/resume');
    const html = await page.text();
    expect(html).toContain(`action="/visits/today/${assignment}"`);
    // Before sending it again the user reads what it is: the form, the household, the outcome, when it was typed.
    const [{ name }] = await t.database.db
      .select({ name: s.recipients.name })
      .from(s.planAssignments)
      .innerJoin(s.recipients, eq(s.recipients.id, s.planAssignments.recipientId))
      .where(eq(s.planAssignments.id, assignment));
    const summary = html.slice(html.indexOf('<dl class="kept-summary">'), html.indexOf('</dl>'));
    expect(summary).toContain('<dt>表单</dt><dd>走访结果登记</dd>');
    expect(summary).toContain(`<dt>走访对象</dt><dd>${name}</dd>`);
    expect(summary).toContain('<dd>已走访</dd>');
    expect(summary).toContain('<dt>填写时间</dt><dd>2026-11-25 10:31（北京时间）</dd>'); // 08:30 + 2 h idle + 1 min
    const fields = hiddenFields(html);
    expect(fields).toMatchObject({ notes: '老人说腿疼', needText: '需要轮椅', aidCash: '50' });
    expect(await t.database.db.$count(s.keptSubmissions)).toBe(0); // taken once

    const sent = await wang.post(`/visits/today/${assignment}`, fields);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/visits/today?date=2026-11-25');
    const [visit] = await t.database.db.select().from(s.visits);
    expect(visit).toMatchObject({ outcome: 'visited', notes: '老人说腿疼' });
    expect(await t.database.db.$count(s.needs)).toBe(1);
    expect(await t.database.db.$count(s.ledgerLines)).toBe(1);
    expect(await (await wang.get('/resume')).text()).toContain('没有保留的内容'); // not twice
  });

  it('is not given to another user who logs in on the same phone, and stays for its owner', async () => {
    const wang = p.wang.browser!;
    await postExpired(wang);
    const li = await username(p.li.userId!);
    await wang.post('/login', { username: li, password: PASSWORD, next: '/resume' });
    const page = await (await wang.get('/resume')).text();
    expect(page).toContain('没有保留的内容');
    expect(page).not.toContain('需要轮椅');
    expect(page).not.toContain('kept-summary');
    expect(await t.database.db.$count(s.keptSubmissions)).toBe(1);
    await wang.post('/logout');
    await wang.post('/login', { username: await username(p.wang.userId!), password: PASSWORD, next: '/resume' });
    expect(await (await wang.get('/resume')).text()).toContain('需要轮椅');
  });

  it('expires after an hour, and a stolen kept id alone gives nothing', async () => {
    const wang = p.wang.browser!;
    await postExpired(wang);
    const id = wang.cookies.get('sw_kept')!;
    const thief = new Browser(t);
    thief.cookies.set('sw_kept', id);
    const other = (await loginAs(t, 'volunteer')).browser;
    other.cookies.set('sw_kept', id);
    expect(await (await other.get('/resume')).text()).toContain('没有保留的内容');
    expect((await thief.get('/resume')).status).toBe(302); // not logged in at all
    t.clock.advance(KEEP_MS);
    await wang.post('/login', { username: await username(p.wang.userId!), password: PASSWORD, next: '/resume' });
    expect(await (await wang.get('/resume')).text()).toContain('没有保留的内容');
  });

  it('keeps nothing for a cross-site post, a post without any session, or an htmx post it answers with HX-Redirect', async () => {
    const wang = p.wang.browser!;
    await wang.get('/visits/today');
    t.clock.advance(FIELD_IDLE_TIMEOUT_MS + MIN);
    const foreign = await wang.post(`/visits/today/${assignment}`, FORM, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const anonymous = await new Browser(t).post(`/visits/today/${assignment}`, FORM);
    expect(anonymous.headers.get('location')).toBe('/login');
    expect(await t.database.db.$count(s.keptSubmissions)).toBe(0);
    // The cross-site post did not consume the expired session: the htmx post still names its user.
    const htmx = await wang.post(`/visits/today/${assignment}`, FORM, { 'hx-request': 'true', origin: ORIGIN });
    expect(htmx.status).toBe(204);
    expect(htmx.headers.get('hx-redirect')).toBe('/login?next=%2Fresume');
    expect(await t.database.db.$count(s.keptSubmissions)).toBe(1);
  });
});
