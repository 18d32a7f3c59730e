import { parse } from 'node-html-parser';
import ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { Browser, createTestApp } from '../setup/app.js';
import { addShift, addVolunteer, registryFixture } from '../setup/shifts.js';

describe('calendar feed', () => {
  it('serves a volunteer’s shifts at a secret URL that parses as iCalendar, and stops when revoked', async () => {
    const t = await createTestApp();
    const f = await registryFixture(t);
    const shift = await addShift(t, f, { date: '2026-11-25', title: '上午入户走访' });
    await addShift(t, f, { date: '2026-11-26', title: '别人的班次' });
    const v = await addVolunteer(t, { townshipId: f.x.id, login: true });
    await v.browser!.post(`/shifts/${shift.id}/signup`);
    const created = await v.browser!.post('/shifts/calendar');
    expect(created.status).toBe(200);
    const url = parse(await created.text())
      .querySelector('#feed-url')!
      .text.match(/http:\/\/localhost(\/calendar\/[A-Za-z0-9_-]+\.ics)/)![1];

    const anonymous = new Browser(t);
    const res = await anonymous.get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const events = Object.values(ical.sync.parseICS(await res.text())).filter(
      (e) => e?.type === 'VEVENT',
    ) as ical.VEvent[];
    expect(events).toHaveLength(1);
    expect(String(events[0].summary)).toBe('上午入户走访');
    expect(events[0].start.toISOString()).toBe('2026-11-25T00:30:00.000Z');
    expect(events[0].end!.toISOString()).toBe('2026-11-25T04:00:00.000Z');

    expect((await anonymous.get('/calendar/not-a-real-token-at-all.ics')).status).toBe(404);
    // A new address replaces the old one; revoking ends both.
    const again = await v.browser!.post('/shifts/calendar');
    const url2 = parse(await again.text())
      .querySelector('#feed-url')!
      .text.match(/(\/calendar\/[A-Za-z0-9_-]+\.ics)/)![1];
    expect((await anonymous.get(url)).status).toBe(404);
    expect((await anonymous.get(url2)).status).toBe(200);
    expect((await v.browser!.post('/shifts/calendar/revoke')).status).toBe(303);
    expect((await anonymous.get(url2)).status).toBe(404);
  });
});
