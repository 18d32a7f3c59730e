import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type Browser, ORIGIN, type TestApp } from '../setup/app.js';
import { type RoleName, registryApp } from '../setup/registry.js';
import { addShift, type registryFixture } from '../setup/shifts.js';

// The same-origin check covers every unsafe method, whatever its content type.
let t: TestApp;
let f: Awaited<ReturnType<typeof registryFixture>>;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

const cookieOf = (b: Browser) => [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const statusOf = async (id: number) =>
  (await t.database.db.select().from(s.shifts).where(eq(s.shifts.id, id)).get())!.status;

describe('same-origin check', () => {
  it('refuses a JSON POST without Origin that would cancel a shift, and the shift stays', async () => {
    const shift = await addShift(t, f);
    const res = await t.app.request(`${ORIGIN}/shifts/${shift.id}/cancel-shift`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', cookie: cookieOf(as.coordA) },
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('请求被拒绝');
    expect(await statusOf(shift.id)).toBe('open');
  });

  it('refuses cross-site and origin-less writes of any method and content type', async () => {
    const shift = await addShift(t, f);
    const cases: [string, Record<string, string>][] = [
      ['POST', {}],
      ['POST', { 'content-type': 'text/xml' }],
      ['POST', { 'content-type': 'application/json', origin: 'https://evil.example' }],
      ['POST', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }],
      ['POST', { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }],
      ['PUT', { 'content-type': 'application/json' }],
      ['DELETE', {}],
      ['PATCH', { origin: 'null' }],
    ];
    for (const [method, headers] of cases) {
      const res = await t.app.request(`${ORIGIN}/shifts/${shift.id}/cancel-shift`, {
        method,
        body: method === 'DELETE' ? undefined : '{}',
        headers: { ...headers, cookie: cookieOf(as.coordA) },
      });
      expect(res.status, `${method} ${JSON.stringify(headers)}`).toBe(403);
    }
    expect(await statusOf(shift.id)).toBe('open');
  });

  it('still lets our own pages write: same Origin, or Sec-Fetch-Site same-origin without Origin', async () => {
    const one = await addShift(t, f);
    const two = await addShift(t, f, { title: '下午走访' });
    const withOrigin = await t.app.request(`${ORIGIN}/shifts/${one.id}/cancel-shift`, {
      method: 'POST',
      headers: { origin: ORIGIN, cookie: cookieOf(as.coordA) },
    });
    expect(withOrigin.status).toBe(303);
    expect(await statusOf(one.id)).toBe('cancelled');
    const fetchMeta = await t.app.request(`${ORIGIN}/shifts/${two.id}/cancel-shift`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', cookie: cookieOf(as.coordA) },
    });
    expect(fetchMeta.status).toBe(303);
    expect(await statusOf(two.id)).toBe('cancelled');
  });
});
