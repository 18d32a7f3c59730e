import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../src/domain/id-number.js';
import { matrixCounty } from './matrix-county.js';
import { matrix, WHO } from './route-matrix.js';

const EIGHTEEN = /(?<!\d)\d{17}[\dXx](?!\d)/g;
/**
 * A full ID number is 18 characters that parse as one (a real birth date and check digit): a random hex key that
 * happens to hold 18 digits in a row (about 0.3 % of 32-hex keys) is not one, and made the check flaky.
 */
const showsFullId = (body: string) => [...body.matchAll(EIGHTEEN)].some((m) => parseIdNumber(m[0]).ok);
// Caregivers' mobiles of the fixture's recipients (volunteers' own numbers are their coordinators' to see).
const CAREGIVER_MOBILES = ['13812345678', '13987654321'];

describe('authorization over every route', () => {
  it('answers every route × role × own/foreign record as written down, and no route is missing', async () => {
    const { t, fx, browsers } = await matrixCounty();
    const spec = matrix(fx);

    const registered = [...new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
    expect(
      registered.filter((r) => !(r in spec)),
      'routes with no entry in test/policies/route-matrix.ts',
    ).toEqual([]);
    expect(
      Object.keys(spec).filter((r) => !registered.includes(r)),
      'entries for routes that no longer exist',
    ).toEqual([]);

    const failures: string[] = [];
    for (const [route, cases] of Object.entries(spec)) {
      for (const c of cases) {
        for (const who of WHO) {
          const b = browsers[who];
          const res = route.startsWith('POST') ? await b.post(c.path, c.form ?? {}) : await b.get(c.path);
          if (res.status !== c.expect[who])
            failures.push(`${route} (${c.path}) as ${who}: expected ${c.expect[who]}, got ${res.status}`);
          if (
            res.status === 302 &&
            who === 'anonymous' &&
            c.expect.anonymous === 302 &&
            !route.includes('/setup') &&
            route !== 'GET /login'
          )
            expect(res.headers.get('location')).toMatch(/^\/login/);
          // Field-level: nothing a volunteer, coordinator or 守望之家 member can open shows a full ID number or
          // mobile, but the member's audited call, whose page is the caregiver's number to tap.
          const call = route === 'POST /care/:rid{[0-9]+}/call';
          if (['volunteer', 'coordA', 'coordB', 'member'].includes(who) && res.status < 400 && !call) {
            const body = await res.text();
            if (showsFullId(body) || CAREGIVER_MOBILES.some((m) => body.includes(m)))
              failures.push(`${route} as ${who} shows a full ID number or a caregiver's mobile`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
