import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { activities, ledgerLines } from '../../src/db/schema/index.js';
import { ALL } from '../../src/lib/scope.js';
import { recordActivity, reverseLine } from '../../src/modules/ledger/service.js';
import { annualSummary } from '../../src/modules/reports/summary.js';
import { activityRegistry, importActivitiesFile, uploadActivities } from '../setup/activity-import.js';
import { createTestApp, loginAs } from '../setup/app.js';
import { TEST_KEYS } from '../setup/keys.js';
import { cash, goods, service } from '../setup/ledger-fixtures.js';
import { TMP_DIR } from '../setup/paths.js';

const meta = (k: string) => ({ idempotencyKey: k, actorUserId: null, now: new Date('2026-12-01T00:00:00Z') });

describe('activities import', () => {
  it('round-trips: export → import elsewhere gives the same summary; re-import changes nothing', async () => {
    const src = await createTestApp();
    const ids = await activityRegistry(src);
    const db = src.database.db;
    const base = { serviceDayId: null, shiftId: null, note: null };
    await recordActivity(
      db,
      {
        ...base,
        organisationId: ids.org,
        occurredOn: '2026-03-24',
        kind: 'home_visit',
        recipientIds: [ids.r1, ids.r2],
        nursingHomeIds: [ids.home],
        lines: [cash(20000), goods('大米', 15050, 2)],
      },
      meta('a1'),
    );
    const a2 = await recordActivity(
      db,
      {
        ...base,
        organisationId: ids.station,
        occurredOn: '2026-11-25',
        kind: 'condolence',
        recipientIds: [ids.r2],
        nursingHomeIds: [],
        lines: [cash(50000), service('打扫卫生', 150)],
      },
      meta('a2'),
    );
    await recordActivity(
      db,
      {
        ...base,
        organisationId: ids.org,
        occurredOn: '2025-12-31',
        kind: 'care',
        recipientIds: [],
        nursingHomeIds: [ids.home],
        lines: [goods('食用油', 3000, 3, '桶')],
      },
      meta('a3'),
    );
    if (!a2.ok) throw new Error('not recorded');
    const [line] = await db.select().from(ledgerLines).where(eq(ledgerLines.activityId, a2.id));
    await reverseLine(db, line, cash(45000), { reason: '更正', actorUserId: null, now: new Date() });

    const admin = (await loginAs(src, 'county_admin')).browser;
    for (const ext of ['csv', 'xlsx']) {
      const exported = await admin.post(`/activities/export.${ext}`);
      expect(exported.status).toBe(200);
      const bytes = new Uint8Array(await exported.arrayBuffer());

      const dst = await createTestApp();
      await activityRegistry(dst);
      const dstAdmin = (await loginAs(dst, 'county_admin')).browser;
      const first = await importActivitiesFile(dst, dstAdmin, `activities.${ext}`, bytes);
      expect(first.preview).toContain('将新增 3 项活动，共 5 条明细。');
      expect(first.done).toContain('导入完成：新增 3 条，更新 0 条，不变 0 条。');
      for (const year of [2025, 2026])
        expect(await annualSummary(dst.database.db, year, ALL)).toEqual(await annualSummary(db, year, ALL));

      const again = await importActivitiesFile(dst, dstAdmin, `activities.${ext}`, bytes);
      expect(again.preview).toContain('不变 3 条');
      expect(again.done).toContain('导入完成：新增 0 条，更新 0 条，不变 3 条。');
      expect(await dst.database.db.select().from(activities)).toHaveLength(3);
      expect(await dst.database.db.select().from(ledgerLines)).toHaveLength(5);
    }
  });

  it('imports all or nothing, naming each bad row', async () => {
    const t = await createTestApp();
    await activityRegistry(t);
    const admin = (await loginAs(t, 'county_admin')).browser;
    const csv = [
      '活动编号,日期,组织,活动类型,对象类型,对象,资金(元),物资名称,数量,单位,物资折价(元),服务时长(小时)',
      'H-1,2024-05-24,湘潭县爱心协会,入户走访,分散供养户,430321195003120017,300,,,,,',
      'H-1,2024-05-24,湘潭县爱心协会,入户走访,敬老院,易俗河敬老院,,棉被,10,床,1200.00,',
      'H-2,2024-05-25,不存在的组织,入户走访,分散供养户,430321195003120017,100,,,,,',
      'H-3,2024-05-25,花石镇社工站,关爱帮扶,分散供养户,430321195003120017,12.345,,,,,',
    ].join('\r\n');
    const res = await uploadActivities(t, admin, 'h.csv', new TextEncoder().encode(csv));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('文件中有 2 处错误，未导入任何数据。');
    expect(html).toContain('第 4 行「组织」：组织「不存在的组织」不存在。');
    expect(html).toContain('第 5 行「资金(元)」：应为大于零的金额，最多两位小数。');
    expect(html).not.toContain('name="token"');
    expect(await t.database.db.select().from(activities)).toHaveLength(0);
    const coordinator = (await loginAs(t, 'org_coordinator', { organisationId: 1 })).browser;
    expect((await uploadActivities(t, coordinator, 'h.csv', new TextEncoder().encode(csv))).status).toBe(403);
    // The re-importable export carries ID numbers in clear: the county administrator's only.
    expect((await coordinator.post('/activities/export.csv')).status).toBe(403);
  });

  it('reads a GB18030 CSV (as saved by Excel on Chinese Windows) with English headers in another order', async () => {
    const t = await createTestApp();
    await activityRegistry(t);
    const admin = (await loginAs(t, 'county_admin')).browser;
    const csv =
      'date,activity_ref,organisation,kind,target_kind,target,goods_name,quantity,unit,goods_value_yuan,service_hours\r\n' +
      '2023/6/24,G-1,花石镇社工站,关爱帮扶,敬老院,易俗河敬老院,棉被,10,床,1200,3.5\r\n';
    const { preview, done } = await importActivitiesFile(
      t,
      admin,
      'g.csv',
      new Uint8Array(iconv.encode(csv, 'gb18030')),
    );
    expect(preview).toContain('将新增 1 项活动，共 2 条明细。');
    expect(done).toContain('导入完成：新增 1 条');
    const s = await annualSummary(t.database.db, 2023, ALL);
    expect(s).toMatchObject({
      stations_participating: 1,
      nursing_homes_visited: 1,
      goods_value_fen: 120000,
      service_hours: 3.5,
      assistance_events: 1,
    });
    expect(s.by_month.map((m) => m.month)).toEqual(['2023-06']);
  });

  it('imports from the shell and prints only the JSON summary', async () => {
    const t = await createTestApp();
    await activityRegistry(t);
    const file = resolve(TMP_DIR, `import-${Date.now()}.csv`);
    writeFileSync(
      file,
      '\uFEFF活动编号,日期,组织,活动类型,对象类型,对象,资金(元)\nS-1,2026-01-05,湘潭县爱心协会,真情慰问,分散供养户,43032119480506002X,"1,000.00"\n',
    );
    const run = promisify(execFile);
    const env = { ...process.env, ...TEST_KEYS, DATABASE_URL: `file:${t.dbPath}`, LOG_LEVEL: 'error' };
    const imported = await run('npx', ['tsx', 'src/cli.ts', 'import', 'activities', file], { env });
    expect(JSON.parse(imported.stdout)).toEqual({ created: 1, unchanged: 0 });
    const report = await run('npx', ['tsx', 'src/cli.ts', 'report', 'annual', '--year', '2026', '--json'], { env });
    const json = JSON.parse(report.stdout);
    expect(report.stdout.trim().startsWith('{') && report.stdout.trim().endsWith('}')).toBe(true);
    expect(json).toMatchObject({
      year: 2026,
      organisations_participating: 1,
      households_visited: 1,
      assistance_events: 1,
      cash_fen: 100000,
      aid_total_fen: 100000,
    });
    // Two CLI processes: slow when the machine is shared.
  }, 180_000);
});
