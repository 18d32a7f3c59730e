import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import type { Browser, TestApp } from '../setup/app.js';
import { addRecipient, addUnit } from '../setup/care-units.js';
import { databaseFingerprint } from '../setup/forms.js';
import { importSheet } from '../setup/imports.js';
import { TEST_KEYS } from '../setup/keys.js';
import { ROOT, TMP_DIR } from '../setup/paths.js';
import { type RegistryFixture, type RoleName, registryApp, testIdNumber } from '../setup/registry.js';

// The test clock: 2026-11-24 in Shanghai.
let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
let rxId: string;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
  rxId = testIdNumber('19400312', 351);
});

const upload = (b: Browser, register: string, name: string, bytes: Uint8Array) =>
  b.upload(`/import/${register}`, name, bytes);

const importFile = async (b: Browser, register: string, name: string, bytes: Uint8Array) =>
  (await importSheet(b, `/import/${register}`, name, bytes)).done;

async function encode(format: 'utf8bom' | 'gb18030' | 'xlsx', table: (string | number)[][]): Promise<Uint8Array> {
  const text = table.map((r) => r.join(',')).join('\r\n');
  if (format === 'utf8bom') return new TextEncoder().encode(`\uFEFF${text}`);
  if (format === 'gb18030') return new Uint8Array(iconv.encode(text, 'gb18030'));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('走访');
  for (const r of table) sheet.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

// Every row of every table but the logins' own and the audit trail (which records each import attempt).
const fingerprint = () =>
  databaseFingerprint(t.database.client, ['sessions', 'login_failures', 'import_uploads', 'audit_log']);

describe('守望之家 in the organisations import', () => {
  it('imports units with their villages (覆盖村), counts follow the register, re-import and round trip unchanged', async () => {
    const csv = [
      '名称,类型,乡镇,覆盖村,联系人',
      '花石守望之家,守望之家,花石镇,花石村、新塘村,周组长',
      '射埠守望之家,守望之家,射埠镇,射埠村;长冲村,',
    ].join('\n');
    const bytes = new TextEncoder().encode(csv);
    expect(await importFile(as.admin, 'organisations', 'u.csv', bytes)).toContain('新增 2 条');
    const unit = await t.database.db
      .select()
      .from(s.organisations)
      .where(and(eq(s.organisations.name, '花石守望之家'), eq(s.organisations.kind, 'care_unit')))
      .get();
    const villages = await t.database.db
      .select()
      .from(s.careUnitVillages)
      .where(eq(s.careUnitVillages.unitId, unit!.id));
    expect(villages.map((v) => v.villageId).sort()).toEqual([f.villages[0].id, f.villages[1].id]);
    const list = await (await as.admin.get('/care-units')).text();
    expect(list).toMatch(/花石守望之家<\/a>.*?<td class="households">1<\/td>/s);
    expect(list).toMatch(/射埠守望之家<\/a>.*?<td class="households">1<\/td>/s);
    expect(await importFile(as.admin, 'organisations', 'u.csv', bytes)).toContain('新增 0 条，更新 0 条，不变 2 条');
    const exported = new Uint8Array(await (await as.admin.post('/export/organisations/xlsx')).arrayBuffer());
    expect(await importFile(as.admin, 'organisations', 'x.xlsx', exported)).toContain(
      '新增 0 条，更新 0 条，不变 7 条',
    );
    const narrowed = new TextEncoder().encode('名称,类型,乡镇,覆盖村\n花石守望之家,守望之家,花石镇,新塘村');
    expect(await importFile(as.admin, 'organisations', 'n.csv', narrowed)).toContain('更新 1 条');
    expect(
      (await t.database.db.select().from(s.careUnitVillages).where(eq(s.careUnitVillages.unitId, unit!.id))).map(
        (v) => v.villageId,
      ),
    ).toEqual([f.villages[1].id]);
  });

  it('refuses a unit without villages, with a village of another township, and 覆盖村 on other kinds, rows named', async () => {
    const csv = [
      '名称,类型,乡镇,覆盖村',
      '甲守望之家,守望之家,花石镇,',
      '乙守望之家,守望之家,花石镇,射埠村',
      '某协会,社会组织,花石镇,花石村',
    ].join('\n');
    const before = await fingerprint();
    const res = await upload(as.admin, 'organisations', 'bad.csv', new TextEncoder().encode(csv));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('第 2 行「覆盖村」：此项必填。');
    expect(html).toContain('第 4 行「覆盖村」：只有守望之家填写「覆盖村」。');
    expect(await fingerprint()).toBe(before);
  });
});

describe('visit logs import', () => {
  let unitName: string;
  beforeEach(async () => {
    unitName = '花石守望之家';
    await addUnit(t, unitName, f.x.id, [f.villages[0].id]);
  });

  /** Headers in another order than the issue's; dates in every accepted way. */
  function log(dates: (string | number)[]): (string | number)[][] {
    return [
      ['结果', '走访单位', '身份证号', '日期', '走访人', '需求', '备注'],
      ['已走访', unitName, rxId, dates[0], '周组长', '', ''],
      ['不在家', unitName, rxId, dates[1], '周组长', '', '下地干活'],
      ['住院', f.orgA.name, rxId, dates[2], '志愿者', '出院后需要陪护', ''],
      ['拒绝', f.stationX.name, rxId, dates[3], '社工', '', ''],
    ];
  }

  for (const format of ['utf8bom', 'gb18030', 'xlsx'] as const) {
    it(`imports a ${format} log all at once, as the right kinds of visit; re-importing changes nothing`, async () => {
      const dates =
        format === 'xlsx'
          ? [46345, '2026/11/20', '2026-11-21', '2026年11月22日']
          : ['2026/11/19', '2026/11/20', '2026-11-21', '2026年11月22日'];
      const bytes = await encode(format, log(dates));
      const name = format === 'xlsx' ? 'log.xlsx' : 'log.csv';
      expect(await importFile(as.stationX, 'visits', name, bytes)).toContain('新增 4 条，更新 0 条，不变 0 条');
      const rows = await t.database.db
        .select()
        .from(s.visits)
        .where(eq(s.visits.recipientId, f.rx.id))
        .orderBy(s.visits.visitedOn);
      expect(rows.map((v) => [v.visitedOn, v.outcome, v.visitorKind])).toEqual([
        ['2026-11-19', 'visited', 'watch_home_member'],
        ['2026-11-20', 'not_home', 'watch_home_member'],
        ['2026-11-21', 'in_hospital', 'volunteer'],
        ['2026-11-22', 'refused', 'station_worker'],
      ]);
      expect(rows[1].notes).toBe('下地干活');
      const needs = await t.database.db.select().from(s.needs).all();
      expect(needs).toMatchObject([{ text: '出院后需要陪护', visitId: rows[2].id, openedOn: '2026-11-21' }]);
      const before = await fingerprint();
      expect(await importFile(as.stationX, 'visits', name, bytes)).toContain('新增 0 条，更新 0 条，不变 4 条');
      expect(await fingerprint()).toBe(before);
    });
  }

  it('refuses the whole file for an unknown unit, an ID not in the register, a future date, an unknown outcome, a household outside the unit', async () => {
    const outsider = await addRecipient(t, f, {
      name: '新塘村人',
      townshipId: f.x.id,
      villageId: f.villages[1].id,
      seq: 41,
    });
    const csv = [
      '日期,身份证号,走访单位,走访人,结果,需求,备注',
      `2026-11-20,${rxId},${unitName},周组长,已走访,,`,
      `2026-11-20,${rxId},不存在的守望之家,周组长,已走访,,`,
      `2026-11-20,${testIdNumber('19330101', 777)},${unitName},周组长,已走访,,`,
      `2026-11-25,${rxId},${unitName},周组长,已走访,,`,
      `2026-11-21,${rxId},${unitName},周组长,睡着了,,`,
      `2026-11-21,${outsider.idNumber},${unitName},周组长,已走访,,`,
      `2026-11-22,123,${unitName},周组长,已走访,,`,
      `昨天,${rxId},${unitName},周组长,已走访,,`,
    ].join('\n');
    const before = await fingerprint();
    const res = await upload(as.stationX, 'visits', 'bad.csv', new TextEncoder().encode(csv));
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const expected of [
      '第 3 行「走访单位」：「不存在的守望之家」不是已登记的守望之家、社会组织或社工站。',
      '第 5 行「日期」：日期 2026-11-25 晚于今天，不能登记未来的走访。',
      '第 6 行「结果」：「睡着了」不是有效选项，可选：已走访 / 不在家 / 拒绝 / 已搬迁 / 住院 / 已去世。',
      '第 8 行「身份证号」：该身份证号不在特困人员名册中。',
      '第 9 行「日期」：「昨天」不是有效日期',
    ])
      expect(html).toContain(expected);
    expect(await fingerprint()).toBe(before);
    // Rows that parse but fail against the register are named too (their file has no parse errors).
    const second = [
      '日期,身份证号,走访单位,结果',
      `2026-11-20,${rxId},${unitName},已走访`,
      `2026-11-20,${testIdNumber('19330101', 777)},${unitName},已走访`,
      `2026-11-21,${outsider.idNumber},${unitName},已走访`,
    ].join('\n');
    const res2 = await upload(as.stationX, 'visits', 'bad2.csv', new TextEncoder().encode(second));
    expect(res2.status).toBe(422);
    const html2 = await res2.text();
    expect(html2).toContain('第 3 行「身份证号」：该身份证号不在特困人员名册中。');
    expect(html2).toContain(`第 4 行「走访单位」：该户不在「${unitName}」覆盖的村内。`);
    expect(await fingerprint()).toBe(before);
  });

  it("refuses another township's household for a station and a changed outcome on a recorded day", async () => {
    const ryId = testIdNumber('19380705', 462);
    const foreign = new TextEncoder().encode(`日期,身份证号,走访单位,结果\n2026-11-20,${ryId},${f.orgB.name},已走访`);
    const res = await upload(as.stationX, 'visits', 'f.csv', foreign);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('第 2 行「身份证号」：不属于您所在的乡镇。');
    const first = new TextEncoder().encode(`日期,身份证号,走访单位,结果\n2026-11-20,${rxId},${unitName},已走访`);
    await importFile(as.stationX, 'visits', 'a.csv', first);
    const changed = new TextEncoder().encode(`日期,身份证号,走访单位,结果\n2026-11-20,${rxId},${unitName},不在家`);
    const conflict = await upload(as.stationX, 'visits', 'b.csv', changed);
    expect(conflict.status).toBe(422);
    expect(await conflict.text()).toContain('结果不同');
    // Coordinators, volunteers and members have no visit import; nobody exports visits.
    expect((await upload(as.coordA, 'visits', 'a.csv', first)).status).toBe(403);
    expect((await as.admin.post('/export/visits/csv')).status).toBe(403);
  });

  it('imports from the shell: exit 0 with a summary, then unchanged; exit 1 with every row named', async () => {
    t.database.close();
    const run = promisify(execFile);
    const env = { ...process.env, ...TEST_KEYS, DATABASE_URL: `file:${t.dbPath}` };
    const cli = (...args: string[]) =>
      run(resolve(ROOT, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], { cwd: ROOT, env });
    const good = resolve(TMP_DIR, `v-${Date.now()}.csv`);
    writeFileSync(
      good,
      `日期,身份证号,走访单位,结果\n2026-11-20,${rxId},${unitName},已走访\n2026-11-21,${rxId},${unitName},不在家`,
    );
    expect(JSON.parse((await cli('import', 'visits', good)).stdout)).toEqual({
      register: 'visits',
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(JSON.parse((await cli('import', 'visits', good)).stdout)).toMatchObject({ created: 0, unchanged: 2 });
    const bad = resolve(TMP_DIR, `vb-${Date.now()}.csv`);
    writeFileSync(
      bad,
      `日期,身份证号,走访单位,结果\n2026-11-20,${rxId},无名,已走访\n2099-01-01,${rxId},${unitName},已走访`,
    );
    const failed = await cli('import', 'visits', bad).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('第 2 行「走访单位」：「无名」不是已登记的');
    expect(failed?.stderr).toContain('第 3 行「日期」：日期 2099-01-01 晚于今天');
  }, 60_000);
});
