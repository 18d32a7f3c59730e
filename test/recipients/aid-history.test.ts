// The recipient page shows the household's whole history: every visit and activity by any body, with lines,
// reversals and voids, newest first and paged; the year's figures are the net of what the test recorded.

import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { ledgerLines, visits } from '../../src/db/schema/index.js';
import { formatHundredths, formatYuanGrouped } from '../../src/domain/money.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { type LineInput, recordActivity, reverseLine } from '../../src/modules/ledger/service.js';
import { voidActivity } from '../../src/modules/ledger/void.js';
import { createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { cash, goods, organisation, recipient, service, township } from '../setup/ledger-fixtures.js';

let t: TestApp;
const ids: Record<string, number> = {};
let key = 0;

async function record(org: number, on: string, recipientIds: number[], lines: LineInput[]) {
  const r = await recordActivity(
    t.database.db,
    {
      organisationId: org,
      occurredOn: on,
      kind: 'care',
      serviceDayId: null,
      shiftId: null,
      note: null,
      recipientIds,
      nursingHomeIds: [],
      lines,
    },
    { idempotencyKey: `history-${++key}`, actorUserId: null, now: t.clock.now() },
  );
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

async function visit(recipientId: number, on: string, outcome: 'visited' | 'not_home', organisationId: number | null) {
  await t.database.db.insert(visits).values({
    recipientId,
    visitedOn: on,
    kind: 'home_visit',
    visitorKind: 'station_worker',
    outcome,
    organisationId,
    createdAt: t.clock.now(),
  });
}

const figure = (html: string, name: string) => html.match(new RegExp(`data-figure="${name}">([^<]*)<`))?.[1];
const rows = (html: string) => [...html.matchAll(/<tr data-type="(visit|activity)"[^>]*><td>([^<]*)<\/td>/g)];

beforeEach(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const cipher = cipherFor(t.config);
  ids.A = await township(db, '易俗河镇');
  ids.B = await township(db, '中路铺镇');
  ids.org = await organisation(db, '湘潭县爱心协会', 'social_org', ids.B);
  ids.station = await organisation(db, '易俗河镇社工站', 'station', ids.A);
  ids.r1 = await recipient(db, cipher, '王秀英', ids.A);
  ids.r2 = await recipient(db, cipher, '李桂兰', ids.A);
});

describe("a household's aid history on the recipient page", () => {
  it('lists visits and activities of every body newest first, voids and reversals shown, and nets the year', async () => {
    const { r1, r2, org, station } = ids;
    const a1 = [cash(30_000), { ...goods('大米', 12_050), fundingSource: 'donation' as const }];
    const a2 = [service('助洁', 250)];
    await record(org, '2026-03-10', [r1], a1);
    await record(station, '2026-06-01', [r1, r2], a2);
    const voided = await record(org, '2026-07-01', [r1], [cash(10_000)]);
    await voidActivity({
      db: t.database.db,
      activityId: voided,
      reason: '录错对象',
      actorUserId: null,
      now: t.clock.now(),
    });
    const corrected = await record(org, '2026-08-01', [r1], [cash(20_000)]);
    const [line] = await t.database.db.select().from(ledgerLines).where(eq(ledgerLines.activityId, corrected));
    await reverseLine(t.database.db, line, cash(15_000), { reason: '金额有误', actorUserId: null, now: t.clock.now() });
    await record(org, '2025-12-20', [r1], [cash(99_900)]); // last year: in the list, not in this year's figures
    await record(org, '2026-05-01', [r2], [cash(50_000)]); // another household: nowhere on r1's page
    await visit(r1, '2026-05-05', 'visited', station);
    await visit(r1, '2026-05-06', 'not_home', null);

    const { browser } = await loginAs(t, 'station_staff', { townshipId: ids.A });
    const res = await browser.get(`/recipients/${r1}`);
    expect(res.status).toBe(200);
    const html = await res.text();

    // The year's figures, summed here from what was recorded: the void nets to zero, the reversal replaces 200 by 150.
    const cashFen = 30_000 + (10_000 - 10_000) + (20_000 - 20_000 + 15_000);
    expect(figure(html, 'cash')).toBe(formatYuanGrouped(cashFen));
    expect(figure(html, 'goods')).toBe(formatYuanGrouped(12_050));
    expect(figure(html, 'hours')).toBe(formatHundredths(250));
    expect(figure(html, 'activities')).toBe('3'); // 03-10, 06-01, 08-01: the voided one left out
    expect(figure(html, 'visits')).toBe('1'); // not_home is not a visit made

    expect(rows(html).map((m) => `${m[1]} ${m[2]}`)).toEqual([
      'activity 2026-08-01',
      'activity 2026-07-01',
      'activity 2026-06-01',
      'visit 2026-05-06',
      'visit 2026-05-05',
      'activity 2026-03-10',
      'activity 2025-12-20',
    ]);
    expect(html).toContain('已作废：录错对象');
    expect(html).toContain(`冲销第${line.id}条`);
    expect(html).toContain('(金额有误)');
    expect(html).toContain('湘潭县爱心协会'); // an organisation of another township, seen by this station
    expect(html).toContain('社会捐赠');
    expect(html).toContain('共2个对象');
    expect(html).not.toContain('500.00');
  });

  it('pages a long history, 25 entries a page, and stays out of reach of another township', async () => {
    for (let d = 1; d <= 30; d++) await visit(ids.r1, `2026-10-${String(d).padStart(2, '0')}`, 'visited', null);
    const { browser } = await loginAs(t, 'station_staff', { townshipId: ids.A });
    const first = await (await browser.get(`/recipients/${ids.r1}`)).text();
    expect(rows(first)).toHaveLength(25);
    expect(rows(first)[0][2]).toBe('2026-10-30');
    expect(first).toContain(`/recipients/${ids.r1}?history=2#aid-history`);
    const second = await (await browser.get(`/recipients/${ids.r1}?history=2`)).text();
    expect(rows(second).map((m) => m[2])).toEqual([
      '2026-10-05',
      '2026-10-04',
      '2026-10-03',
      '2026-10-02',
      '2026-10-01',
    ]);
    expect(second).not.toContain('?history=3');
    expect(figure(second, 'visits')).toBe('30');

    const other = await loginAs(t, 'station_staff', { townshipId: ids.B });
    expect((await other.browser.get(`/recipients/${ids.r1}`)).status).toBe(404);
    const county = await loginAs(t, 'county_admin');
    expect(rows(await (await county.browser.get(`/recipients/${ids.r1}`)).text())).toHaveLength(25);
  });
});
