import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countySize } from '../../src/demo/generate.js';
import { seedDemo } from '../../src/demo/seed.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { type Browser, createTestApp, loginAs, ORIGIN } from '../setup/app.js';
import { databaseFingerprint, type FoundForm, formsOf } from '../setup/forms.js';

// Values an attacker or a clumsy paste would send.
const hostileValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ minLength: 2000, maxLength: 5000 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u202e\u0000\u0007',
    '<script>alert(1)</script>',
    '" hx-get="/admin/users" hx-trigger="load',
    "'; DROP TABLE users; --",
    '1 OR 1=1',
    '-1',
    '0',
    '99999999999999999999',
    '1e308',
    'NaN',
    '-0.001',
    '12.345',
    '2026-02-30',
    '2026-13-01',
    '9999-99-99',
    '0000-00-00',
    '=HYPERLINK("http://x")',
    '../../etc/passwd',
    '%00',
    '¥１２３',
  ),
  fc.integer().map(String),
  fc.double().map(String),
);

// Forms whose whole purpose is to end or switch the session; fuzzing them would only log the fuzzer out.
const SKIP = new Set(['/logout']);

async function discoverForms(browser: Browser, pages: string[]): Promise<FoundForm[]> {
  const found = new Map<string, FoundForm>();
  for (const page of pages) {
    const res = await browser.get(page);
    if (res.status !== 200 || !res.headers.get('content-type')?.includes('html')) continue;
    for (const form of formsOf(page, await res.text()))
      if (!SKIP.has(form.action) && !found.has(form.action)) found.set(form.action, form);
  }
  return [...found.values()];
}

describe('hostile input to every form', () => {
  it('gets a 4xx with a message or a success, never a 5xx, and a refused request changes nothing', async () => {
    const t = await createTestApp();
    await seedDemo(
      { db: t.database.db, cipher: cipherFor(t.config), now: t.clock.now() },
      { size: { ...countySize(0.02), townships: 2, villages: 4, nursingHomes: 2 } },
    );
    const admin = (await loginAs(t, 'county_admin', { username: 'fuzzadmin' })).browser;
    const pages = t.app.routes
      .filter((r) => r.method === 'GET' && !r.path.includes(':') && !r.path.includes('*'))
      .map((r) => r.path);
    const forms = await discoverForms(admin, [...new Set(pages)]);
    expect(forms.map((f) => f.action)).toEqual(expect.arrayContaining(['/admin/users', '/account/password', '/lang']));

    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`hostile-forms fast-check seed: ${seed} (FC_SEED=${seed} to replay)`);
    for (const form of forms) {
      await fc.assert(
        // Whether it arrives as an htmx request is drawn by fast-check too, so FC_SEED alone replays a failure.
        fc.asyncProperty(
          fc.record(Object.fromEntries(form.fields.map((f) => [f, hostileValue]))),
          fc.boolean(),
          async (values, htmx) => {
            const before = await databaseFingerprint(t.database.client, ['sessions', 'login_failures']);
            const res = await admin.post(form.action, values as Record<string, string>, {
              'HX-Request': htmx ? 'true' : 'false',
            });
            expect(res.status, `${form.action} ${JSON.stringify(values).slice(0, 300)}`).toBeLessThan(500);
            if (res.status >= 400) {
              expect(res.status).not.toBe(404);
              expect(await databaseFingerprint(t.database.client, ['sessions', 'login_failures'])).toBe(before);
              const body = await res.text();
              expect(body.length, `${form.action} answered ${res.status} without a message`).toBeGreaterThan(0);
            }
          },
        ),
        { numRuns: 12, seed },
      );
    }
    // Still logged in and the app still serves.
    expect((await admin.get('/')).status).toBe(200);
    expect((await t.app.request(`${ORIGIN}/healthz`)).status).toBe(200);
  }, 120_000);
});
