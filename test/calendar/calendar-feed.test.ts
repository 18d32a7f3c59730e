import { eq } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import ical from 'node-ical';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type Browser, createTestApp, loginAs, PASSWORD, type TestApp } from '../setup/app.js';
import { addShift, addVolunteer, registryFixture } from '../setup/shifts.js';

let t: TestApp;
let f: Awaited<ReturnType<typeof registryFixture>>;
let volunteer: Awaited<ReturnType<typeof addVolunteer>>;
let coord: Browser;
let feedPath: string;

beforeEach(async () => {
  t = await createTestApp({ CALENDAR_UID_DOMAIN: 'xiangtan.example.cn' });
  f = await registryFixture(t);
  volunteer = await addVolunteer(t, { townshipId: f.x.id, organisationId: f.orgA.id, login: true });
  coord = (await loginAs(t, 'org_coordinator', { organisationId: f.orgA.id })).browser;
  const created = await volunteer.browser!.post('/shifts/calendar');
  feedPath = parse(await created.text())
    .querySelector('#feed-url')!
    .text.match(/(\/calendar\/[A-Za-z0-9_-]+\.ics)/)![1];
});

/** The feed as fetched by a calendar app under some host name (no cookie), parsed by node-ical (not the writer). */
async function fetchFeed(host = 'localhost') {
  const res = await t.app.request(`http://${host}${feedPath}`);
  const text = res.status === 200 ? await res.text() : '';
  const events = Object.values(ical.sync.parseICS(text)).filter((e) => e?.type === 'VEVENT') as ical.VEvent[];
  return { status: res.status, text, events };
}

const editForm = (over: Record<string, string> = {}) => ({
  title: '上午入户走访',
  workKind: 'home_visit',
  place: '花石村委会',
  date: '2026-11-25',
  startTime: '08:30',
  endTime: '12:00',
  capacity: '3',
  requiredSkills: '',
  description: '',
  ...over,
});

describe('the calendar feed by RFC 5545', () => {
  it('ends every line in CRLF, keeps one UID under any host, raises SEQUENCE on a move and cancels by STATUS', async () => {
    const shift = await addShift(t, f, { date: '2026-11-25' });
    expect((await volunteer.browser!.post(`/shifts/${shift.id}/signup`)).status).toBe(303);

    const first = await fetchFeed();
    expect(first.status).toBe(200);
    expect(first.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(first.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(first.events).toHaveLength(1);
    const uid = `shift-${shift.id}@xiangtan.example.cn`;
    expect(first.events[0].uid).toBe(uid);
    expect(Number(first.events[0].sequence)).toBe(0);
    expect(first.text).toMatch(/DTSTART:20261125T003000Z\r\n/);
    expect((await fetchFeed('127.0.0.1')).events[0].uid).toBe(uid);

    // Moved: a new time and place, so calendars must replace what they hold.
    const moved = await coord.post(`/shifts/${shift.id}/edit`, editForm({ startTime: '09:00', place: '新塘村活动室' }));
    expect(moved.status).toBe(303);
    const second = (await fetchFeed()).events[0];
    expect(second.uid).toBe(uid);
    expect(Number(second.sequence)).toBe(1);
    expect(second.start.toISOString()).toBe('2026-11-25T01:00:00.000Z');
    expect(String(second.location)).toBe('新塘村活动室');
    // A change of capacity only is not a change a calendar shows.
    await coord.post(
      `/shifts/${shift.id}/edit`,
      editForm({ startTime: '09:00', place: '新塘村活动室', capacity: '5' }),
    );
    expect(Number((await fetchFeed()).events[0].sequence)).toBe(1);

    expect((await coord.post(`/shifts/${shift.id}/cancel-shift`)).status).toBe(303);
    const third = (await fetchFeed()).events[0];
    expect(third.uid).toBe(uid);
    expect(third.status).toBe('CANCELLED');
    expect(Number(third.sequence)).toBe(2);
  });
});

describe('the calendar feed does not outlive the account', () => {
  it('stops at once when the volunteer becomes inactive, and works again when active', async () => {
    expect((await fetchFeed()).status).toBe(200);
    await t.database.db.update(s.volunteers).set({ status: 'inactive' }).where(eq(s.volunteers.id, volunteer.id));
    expect((await fetchFeed()).status).toBe(404);
    await t.database.db.update(s.volunteers).set({ status: 'active' }).where(eq(s.volunteers.id, volunteer.id));
    expect((await fetchFeed()).status).toBe(200);
  });

  it('is revoked when the admin disables the login, and stays revoked after it is enabled again', async () => {
    const admin = (await loginAs(t, 'county_admin')).browser;
    expect((await admin.post(`/admin/users/${volunteer.userId}/disable`)).status).toBe(303);
    expect((await fetchFeed()).status).toBe(404);
    await t.database.db.update(s.users).set({ disabledAt: null }).where(eq(s.users.id, volunteer.userId!));
    expect((await fetchFeed()).status).toBe(404);
  });

  it('is revoked when the volunteer changes their password', async () => {
    expect((await fetchFeed()).status).toBe(200);
    const res = await volunteer.browser!.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new secret',
    });
    expect(res.status).toBe(303);
    expect((await fetchFeed()).status).toBe(404);
  });
});
