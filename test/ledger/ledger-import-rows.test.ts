// The activities sheet on the registry's pipeline: every bad cell named by row and column (and nothing written),
// the preview's figures against the file, confirm then re-import unchanged, a changed activity refused, an .xlsx
// with real date cells, and the shell's exit codes and registry-style errors.

import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { activities, ledgerLines, organisations } from '../../src/db/schema/index.js';
import {
  activityRegistry,
  importActivitiesFile,
  runActivities,
  tokenIn,
  uploadActivities,
} from '../setup/activity-import.js';
import { createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { databaseFingerprint } from '../setup/forms.js';
import { TEST_KEYS } from '../setup/keys.js';
import { organisation } from '../setup/ledger-fixtures.js';
import { TMP_DIR } from '../setup/paths.js';

const HEAD =
  '活动编号,日期,组织,活动类型,对象类型,对象,资金(元),物资名称,数量,单位,物资折价(元),服务时长(小时),资金来源';
const bytes = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));
const OK = '2026-03-24,湘潭县爱心协会,入户走访,分散供养户,430321195003120017';
/** What a refused or repeated import may leave: its audit row, the session; never a register row. */
const fingerprint = (t: TestApp) => databaseFingerprint(t.database.client, ['sessions', 'audit_log', 'import_uploads']);

async function withOddOrganisations(t: TestApp) {
  const ids = await activityRegistry(t);
  const db = t.database.db;
  // One name for a social organisation and a station; a 守望之家, which records care visits, never aid.
  await organisation(db, '同名服务队', 'social_org', null);
  await organisation(db, '同名服务队', 'station', ids.A);
  const now = new Date();
  await db
    .insert(organisations)
    .values({ name: '花石守望之家', kind: 'care_unit', townshipId: ids.B, createdAt: now, updatedAt: now });
  return ids;
}

describe('the activities import, row by row', () => {
  it('names every bad cell by row and column, in the page and the outcome, and writes nothing', async () => {
    const t = await createTestApp();
    await withOddOrganisations(t);
    const file = bytes([
      HEAD,
      `,${OK},100,,,,,,`,
      'B-3,2026-02-30,湘潭县爱心协会,入户走访,分散供养户,430321195003120017,100,,,,,,',
      'B-4,2026-03-24,湘潭县爱心协会,拜年,分散供养户,430321195003120017,100,,,,,,',
      'B-5,2026-03-24,同名服务队,入户走访,分散供养户,430321195003120017,100,,,,,,',
      'B-6,2026-03-24,花石守望之家,入户走访,分散供养户,430321195003120017,100,,,,,,',
      `B-7,${OK},100,,,,,,彩票公益金`,
      'B-8,2026-03-24,湘潭县爱心协会,入户走访,村委会,某某,100,,,,,,',
      'B-9,2026-03-24,湘潭县爱心协会,入户走访,敬老院,不存在的敬老院,100,,,,,,',
      `B-10,${OK},-5,,,,,,`,
      `B-11,${OK},,大米,很多,袋,50,,`,
      `B-12,${OK},,大米,2,袋,abc,,`,
      `B-13,${OK},,,,,,0,`,
      'B-14,昨天,无此组织,入户走访,分散供养户,430321195003120017,100,,,,,,',
    ]);
    const outcome = await runActivities(t, file, { apply: true });
    expect(outcome).toEqual({
      ok: false,
      errors: [
        { row: 2, column: '活动编号', reason: '此项必填。' },
        { row: 3, column: '日期', reason: '「2026-02-30」不是有效日期（YYYY-MM-DD、YYYY/M/D 或 Excel 日期）。' },
        { row: 4, column: '活动类型', reason: '「拜年」不是有效选项，可选：入户走访 / 关爱帮扶 / 真情慰问 / 其他。' },
        { row: 5, column: '组织', reason: '组织「同名服务队」有重名，无法确定。' },
        { row: 6, column: '组织', reason: '「花石守望之家」是守望之家：它的走访是照料走访，不记入帮扶台账。' },
        {
          row: 7,
          column: '资金来源',
          reason: '资金来源应为 护理补贴统筹、财政专项、社会捐赠、组织自筹 或 其他（可留空）。',
        },
        { row: 8, column: '对象类型', reason: '「村委会」不是有效选项，可选：分散供养户 / 敬老院。' },
        { row: 9, column: '对象', reason: '敬老院「不存在的敬老院」不存在。' },
        { row: 10, column: '资金(元)', reason: '应为大于零的金额，最多两位小数。' },
        { row: 11, column: '数量', reason: '数量应为数字。' },
        { row: 12, column: '物资折价(元)', reason: '应为大于零的金额，最多两位小数。' },
        { row: 13, column: '服务时长(小时)', reason: '服务时长应为大于零的数字，最多两位小数。' },
        { row: 14, column: '日期', reason: '「昨天」不是有效日期（YYYY-MM-DD、YYYY/M/D 或 Excel 日期）。' },
        { row: 14, column: '组织', reason: '组织「无此组织」不存在。' },
      ],
    });

    const admin = (await loginAs(t, 'county_admin')).browser;
    const before = await fingerprint(t);
    const res = await uploadActivities(t, admin, 'bad.csv', file);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('文件中有 14 处错误，未导入任何数据。');
    expect(html).toContain('第 9 行「对象」：敬老院「不存在的敬老院」不存在。');
    expect(html).toContain('第 14 行「组织」：组织「无此组织」不存在。');
    expect(tokenIn(html)).toBeUndefined();
    expect(await fingerprint(t)).toBe(before);
    expect(await t.database.db.select().from(activities)).toEqual([]);
  });

  it('checks the file against the register: unknown households, a 活动编号 written two ways, no target', async () => {
    const t = await createTestApp();
    await activityRegistry(t);
    const outcome = await runActivities(
      t,
      bytes([
        HEAD,
        'P-1,2026-03-24,湘潭县爱心协会,入户走访,分散供养户,430321199001010011,100,,,,,,',
        'P-2,2026-03-24,湘潭县爱心协会,入户走访,敬老院,易俗河敬老院,100,,,,,,',
        'P-2,2026-03-25,湘潭县爱心协会,入户走访,敬老院,易俗河敬老院,50,,,,,,',
        'P-3,2026-03-24,湘潭县爱心协会,入户走访,,,100,,,,,,',
      ]),
      { apply: true },
    );
    expect(outcome).toEqual({
      ok: false,
      errors: [
        { row: 2, column: '对象', reason: '找不到该身份证号对应的分散供养特困人员。' },
        { row: 2, column: '对象', reason: '活动编号 P-1 没有帮扶对象。' },
        { row: 4, column: '活动编号', reason: '活动编号 P-2 的日期、组织或类型与前面的行不一致。' },
        { row: 5, column: '对象', reason: '活动编号 P-3 没有帮扶对象。' },
      ],
    });
    expect(await t.database.db.select().from(activities)).toEqual([]);
  });

  it('previews the figures of the file, writes them on confirm, and changes nothing when the file comes again', async () => {
    const t = await createTestApp();
    await activityRegistry(t);
    const file = bytes([
      HEAD,
      'HD-1,2026-03-24,湘潭县爱心协会,真情慰问,分散供养户,430321195003120017,500,大米,2,袋,120.50,,社会捐赠',
      'HD-1,2026-03-24,湘潭县爱心协会,真情慰问,分散供养户,43032119480506002X,,,,,,2.5,护理补贴统筹',
      'HD-2,2026-05-25,花石镇社工站,入户走访,敬老院,易俗河敬老院,300,,,,,,财政专项',
      'HD-3,2026/6/24,湘潭县爱心协会,关爱帮扶,分散供养户,43032119480506002X,"1,200",,,,,,',
    ]);
    // Worked out by hand from the rows above: 3 numbers, 5 lines; cash 500 + 300 + 1,200, goods 120.50, 2.5 hours.
    const preview = await runActivities(t, file, { apply: false });
    expect(preview).toEqual({
      ok: true,
      created: 3,
      updated: 0,
      unchanged: 0,
      applied: false,
      figures: {
        activities: 3,
        lines: 5,
        bySource: [
          { source: 'care_subsidy', cashFen: 0, goodsFen: 0, centihours: 250 },
          { source: 'fiscal', cashFen: 30000, goodsFen: 0, centihours: 0 },
          { source: 'donation', cashFen: 50000, goodsFen: 12050, centihours: 0 },
          { source: 'unspecified', cashFen: 120000, goodsFen: 0, centihours: 0 },
        ],
        total: { cashFen: 200000, goodsFen: 12050, centihours: 250 },
      },
    });
    expect(await t.database.db.select().from(activities)).toEqual([]);

    const admin = (await loginAs(t, 'county_admin')).browser;
    const before = await databaseFingerprint(t.database.client, ['sessions', 'import_uploads']);
    const res = await uploadActivities(t, admin, 'a.csv', file);
    const html = await res.text();
    expect(res.status).toBe(200);
    // The upload alone writes only the kept (encrypted) file.
    expect(await databaseFingerprint(t.database.client, ['sessions', 'import_uploads'])).toBe(before);
    expect(html).toContain('新增 3 条');
    expect(html).toContain('将新增 3 项活动，共 5 条明细。');
    const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'));
    const cells = [...table.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((m) => m[1]);
    expect(cells).toEqual([
      ...['资金来源', '资金（元）', '物资折价（元）', '服务时长（小时）'],
      ...['护理补贴统筹', '0.00', '0.00', '2.50'],
      ...['财政专项', '300.00', '0.00', '0.00'],
      ...['社会捐赠', '500.00', '120.50', '0.00'],
      ...['未注明', '1,200.00', '0.00', '0.00'],
      ...['合计', '2,000.00', '120.50', '2.50'],
    ]);
    const done = await admin.post('/activities/import/confirm', { token: tokenIn(html)! });
    expect(await done.text()).toContain('导入完成：新增 3 条，更新 0 条，不变 0 条。');
    expect(await t.database.db.select().from(activities)).toHaveLength(3);
    expect(await t.database.db.select().from(ledgerLines)).toHaveLength(5);
    const audit = await t.database.client.execute("SELECT entity, changes FROM audit_log WHERE action = 'import'");
    expect(audit.rows.map((r) => [r.entity, JSON.parse(String(r.changes)).created])).toEqual([['activity', 3]]);

    const after = await fingerprint(t);
    const again = await importActivitiesFile(t, admin, 'a.csv', file);
    expect(again.preview).toContain('不变 3 条');
    expect(again.preview).toContain('将新增 0 项活动，共 0 条明细。');
    expect(again.done).toContain('导入完成：新增 0 条，更新 0 条，不变 3 条。');
    expect(await fingerprint(t)).toBe(after);

    // The same 活动编号 with other content: refused by row and column, nothing written.
    const changed = await uploadActivities(
      t,
      admin,
      'b.csv',
      bytes([HEAD, `HD-2,2026-05-25,花石镇社工站,入户走访,敬老院,易俗河敬老院,350,,,,,,财政专项`]),
    );
    expect(changed.status).toBe(422);
    expect(await changed.text()).toContain(
      '第 2 行「活动编号」：活动编号 HD-2 已导入过，但内容不同；已入账的记录只能冲销更正。',
    );
    expect(await fingerprint(t)).toBe(after);
  });

  it('reads an .xlsx with real date and number cells, headers in another order, and discards a preview on request', async () => {
    const t = await createTestApp();
    await activityRegistry(t);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('帮扶活动');
    ws.addRow(['组织', '日期', '活动编号', '活动类型', '对象类型', '对象', '资金(元)', '服务时长(小时)']);
    ws.addRow([
      '湘潭县爱心协会',
      new Date(Date.UTC(2026, 10, 24)),
      'X-1',
      '入户走访',
      '分散供养户',
      '430321195003120017',
      88.5,
      1.5,
    ]);
    ws.addRow([
      '花石镇社工站',
      new Date(Date.UTC(2026, 10, 25)),
      'X-2',
      '关爱帮扶',
      '敬老院',
      '易俗河敬老院',
      200,
      null,
    ]);
    const file = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const admin = (await loginAs(t, 'county_admin')).browser;

    const first = await uploadActivities(t, admin, 'a.xlsx', file);
    const token = tokenIn(await first.text())!;
    expect((await admin.post('/activities/import/discard', { token })).status).toBe(200);
    expect((await t.database.client.execute('SELECT count(*) AS n FROM import_uploads')).rows[0].n).toBe(0);
    const stale = await admin.post('/activities/import/confirm', { token });
    expect(stale.status).toBe(422);
    expect(await stale.text()).toContain('预览已过期，请重新上传文件。');
    expect(await t.database.db.select().from(activities)).toEqual([]);

    const { preview, done } = await importActivitiesFile(t, admin, 'a.xlsx', file);
    expect(preview).toContain('将新增 2 项活动，共 3 条明细。');
    expect(done).toContain('导入完成：新增 2 条');
    const rows = await t.database.db.select().from(activities);
    expect(rows.map((a) => [a.externalRef, a.occurredOn, a.kind])).toEqual([
      ['X-1', '2026-11-24', 'home_visit'],
      ['X-2', '2026-11-25', 'care'],
    ]);
    const lines = await t.database.db.select().from(ledgerLines);
    expect(lines.map((l) => [l.kind, l.amountFen, l.serviceCentihours])).toEqual([
      ['cash', 8850, 0],
      ['service', 0, 150],
      ['cash', 20000, 0],
    ]);
  });

  it('from the shell: exit 1 with the registry-style errors on stderr and nothing written, exit 0 and the counts', async () => {
    const t = await createTestApp();
    await activityRegistry(t);
    const run = promisify(execFile);
    const env = { ...process.env, ...TEST_KEYS, DATABASE_URL: `file:${t.dbPath}`, LOG_LEVEL: 'error' };
    const bad = resolve(TMP_DIR, `activities-bad-${Date.now()}.csv`);
    writeFileSync(bad, bytes([HEAD, `S-1,${OK},12.345,,,,,,`]));
    const refused = await run('npx', ['tsx', 'src/cli.ts', 'import', 'activities', bad], { env }).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('文件中有 1 处错误，未导入任何数据。');
    expect(refused.stderr).toContain('第 2 行「资金(元)」：应为大于零的金额，最多两位小数。');
    expect(await t.database.db.select().from(activities)).toEqual([]);

    const usage = await run('npx', ['tsx', 'src/cli.ts', 'import', 'activities'], { env }).catch((e) => e);
    expect(usage.code).toBe(2);

    const good = resolve(TMP_DIR, `activities-good-${Date.now()}.csv`);
    writeFileSync(good, bytes([HEAD, `S-1,${OK},12.34,,,,,,`]));
    const imported = await run('npx', ['tsx', 'src/cli.ts', 'import', 'activities', good], { env });
    expect(JSON.parse(imported.stdout)).toEqual({ created: 1, unchanged: 0 });
    const again = await run('npx', ['tsx', 'src/cli.ts', 'import', 'activities', good], { env });
    expect(JSON.parse(again.stdout)).toEqual({ created: 0, unchanged: 1 });
    expect(await t.database.db.select().from(activities)).toHaveLength(1);
  }, 180_000);
});
