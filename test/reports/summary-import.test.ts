// The annual summary over the activities spreadsheet: figures worked out by hand from the file, the same year
// recorded through the service giving the same summary, the optional 资金来源 column (absent → 未注明), and a bad
// source refused with its row, nothing written.

import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { activities } from '../../src/db/schema/index.js';
import { translator } from '../../src/lib/i18n/index.js';
import { ALL, township as townshipScope } from '../../src/lib/scope.js';
import { type LineInput, recordActivity } from '../../src/modules/ledger/service.js';
import { summaryDocx } from '../../src/modules/reports/docx.js';
import { summaryCsv } from '../../src/modules/reports/export.js';
import { annualSummary } from '../../src/modules/reports/summary.js';
import { activityRegistry, runActivities } from '../setup/activity-import.js';
import { createTestApp } from '../setup/app.js';
import { cash, goods, service } from '../setup/ledger-fixtures.js';

const HEAD = '活动编号,日期,组织,活动类型,对象类型,对象,资金(元),物资名称,数量,单位,物资折价(元),服务时长(小时)';
const FILE = [
  `${HEAD},资金来源`,
  'HD-1,2026-03-24,湘潭县爱心协会,真情慰问,分散供养户,430321195003120017,500,大米,2,袋,120.50,,社会捐赠',
  'HD-1,2026-03-24,湘潭县爱心协会,真情慰问,分散供养户,43032119480506002X,,,,,,2.5,护理补贴统筹',
  'HD-2,2026-05-25,花石镇社工站,入户走访,敬老院,易俗河敬老院,300,,,,,,财政专项',
  'HD-3,2026/6/24,湘潭县爱心协会,关爱帮扶,分散供养户,43032119480506002X,200,,,,,,',
].join('\n');

const bytes = (text: string) => new TextEncoder().encode(text);
const meta = { actorUserId: null, now: new Date('2026-12-01T00:00:00Z') };

const src = (l: LineInput, fundingSource: LineInput['fundingSource']) => ({ ...l, fundingSource });

describe('the annual summary over the activities spreadsheet', () => {
  it('gives the figures worked out by hand, the same as the year recorded through the service', async () => {
    const t = await createTestApp();
    const ids = await activityRegistry(t);
    const res = await runActivities(t, bytes(FILE), { apply: true });
    expect(res).toMatchObject({ ok: true, created: 3, updated: 0, unchanged: 0, applied: true });
    const s = await annualSummary(t.database.db, 2026, ALL);
    const { by_township, by_organisation, by_month, by_funding_source, year, ...county } = s;
    expect(county).toEqual({
      assistance_events: 3, // one per 活动编号
      households_visited: 2,
      nursing_homes_visited: 1,
      organisations_participating: 1,
      stations_participating: 1,
      cash_fen: 100000, // 500 + 300 + 200
      goods_value_fen: 12050,
      aid_total_fen: 112050,
      service_hours: 2.5,
      volunteer_hours: 0,
      volunteers_serving: 0,
    });
    // HD-1 reaches 王秀英 (易俗河) and 李桂兰 (花石): an event in each township; its lines go with its first household.
    // HD-2: 花石's station at 易俗河's nursing home is filed under 易俗河.
    expect(
      by_township.map((r) => [
        r.township,
        r.assistance_events,
        r.households_visited,
        r.nursing_homes_visited,
        r.aid_total_fen,
        r.service_hours,
      ]),
    ).toEqual([
      ['易俗河镇', 2, 1, 1, 92050, 2.5],
      ['花石镇', 2, 1, 0, 20000, 0],
    ]);
    expect(await annualSummary(t.database.db, 2026, townshipScope(ids.B))).toMatchObject({
      assistance_events: 2,
      households_visited: 1,
      aid_total_fen: 20000,
    });
    expect(by_funding_source.map((r) => [r.source, r.aid_total_fen, r.service_hours])).toEqual([
      ['care_subsidy', 0, 2.5],
      ['fiscal', 30000, 0],
      ['donation', 62050, 0],
      ['unspecified', 20000, 0],
    ]);

    // The exports carry the table by source: the CSV as rows tagged 资金来源, the Word report as its own table.
    const csv = new TextDecoder().decode(summaryCsv(translator('zh'), s));
    expect(csv).toContain('资金来源,社会捐赠,,,,,,500.00,120.50,620.50,0,,');
    expect(csv).toContain('资金来源,未注明,,,,,,200.00,0.00,200.00,0,,');
    const docx = await summaryDocx(translator('zh'), s, { issuedOn: '2026-12-01', county: '湘潭县' });
    const xml = strFromU8(unzipSync(docx)['word/document.xml']);
    expect(xml).toContain('分资金来源');
    expect(xml).toContain('护理补贴统筹');
    expect(xml).toContain('1,120.50');

    // The same year typed in through the service: the same summary, figure for figure.
    const typed = await createTestApp();
    const same = await activityRegistry(typed);
    expect(same).toEqual(ids);
    const base = { serviceDayId: null, shiftId: null, note: null };
    const key = (k: string) => ({ ...meta, idempotencyKey: k });
    await recordActivity(
      typed.database.db,
      {
        ...base,
        organisationId: ids.org,
        occurredOn: '2026-03-24',
        kind: 'condolence',
        recipientIds: [ids.r1, ids.r2],
        nursingHomeIds: [],
        lines: [
          src(cash(50000), 'donation'),
          src(goods('大米', 12050, 2, '袋'), 'donation'),
          src(service('', 250, 0), 'care_subsidy'),
        ],
      },
      key('t1'),
    );
    await recordActivity(
      typed.database.db,
      {
        ...base,
        organisationId: ids.station,
        occurredOn: '2026-05-25',
        kind: 'home_visit',
        recipientIds: [],
        nursingHomeIds: [ids.home],
        lines: [src(cash(30000), 'fiscal')],
      },
      key('t2'),
    );
    await recordActivity(
      typed.database.db,
      {
        ...base,
        organisationId: ids.org,
        occurredOn: '2026-06-24',
        kind: 'care',
        recipientIds: [ids.r2],
        nursingHomeIds: [],
        lines: [cash(20000)],
      },
      key('t3'),
    );
    expect(await annualSummary(typed.database.db, 2026, ALL)).toEqual(s);

    // Re-importing the file changes nothing.
    const again = await runActivities(t, bytes(FILE), { apply: true });
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3 });
  });

  it('takes a file without 资金来源 (its lines 未注明) and refuses an unknown source with its row, writing nothing', async () => {
    const t = await createTestApp();
    await activityRegistry(t);
    const bad = [
      `${HEAD},资金来源`,
      'X-1,2026-03-24,湘潭县爱心协会,入户走访,分散供养户,430321195003120017,100,,,,,,彩票公益金',
    ];
    const refused = await runActivities(t, bytes(bad.join('\n')), { apply: true, name: 'b.csv' });
    expect(refused).toEqual({
      ok: false,
      errors: [
        {
          row: 2,
          column: '资金来源',
          reason: '资金来源应为 护理补贴统筹、财政专项、社会捐赠、组织自筹 或 其他（可留空）。',
        },
      ],
    });
    expect(await t.database.db.select().from(activities)).toEqual([]);

    const plain = [HEAD, 'X-1,2026-03-24,湘潭县爱心协会,入户走访,分散供养户,430321195003120017,100,,,,,'];
    const ok = await runActivities(t, bytes(plain.join('\n')), { apply: true, name: 'c.csv' });
    expect(ok).toMatchObject({ ok: true, created: 1, unchanged: 0 });
    const s = await annualSummary(t.database.db, 2026, ALL);
    expect(s.by_funding_source).toEqual([
      { source: 'unspecified', cash_fen: 10000, goods_value_fen: 0, aid_total_fen: 10000, service_hours: 0 },
    ]);
  });
});
