import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it } from 'vitest';
import { organisations, recipients, townships, volunteerOrganisations, volunteers } from '../../src/db/schema/index.js';
import type { Browser, TestApp } from '../setup/app.js';
import { databaseFingerprint } from '../setup/forms.js';
import { importSheet } from '../setup/imports.js';
import { TEST_KEYS } from '../setup/keys.js';
import { mobileHash } from '../setup/mobiles.js';
import { ROOT, TMP_DIR } from '../setup/paths.js';
import { type RegistryFixture, type RoleName, registryApp, testIdNumber } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

const upload = (b: Browser, register: string, name: string, bytes: Uint8Array) =>
  b.upload(`/import/${register}`, name, bytes);

/** Uploads, checks the preview, confirms; returns the confirmation page. */
async function importFile(b: Browser, register: string, name: string, bytes: Uint8Array, expectPreview?: RegExp) {
  const { preview, done } = await importSheet(b, `/import/${register}`, name, bytes);
  if (expectPreview) expect(preview).toMatch(expectPreview);
  return done;
}

const RECIPIENT_HEADER =
  '姓名,身份证号,乡镇,村(社区),供养方式,自理能力,供养机构,照料人,照料人电话,协议类型,协议签订日期';
const id1 = testIdNumber('19410203', 135);
const id2 = testIdNumber('19390708', 246);
const recipientsCsv = [
  RECIPIENT_HEADER,
  `周大伯,${id1.toLowerCase()},花石镇,花石村,分散供养,半失能,,周小红,138 0000 1111,四方,2026/3/5`,
  `吴奶奶,${id2},花石镇,新塘村,集中供养,全失能,花石镇区域性敬老院,,,三方,46000`,
].join('\r\n');

describe('register import', () => {
  it('imports recipients from UTF-8-with-BOM CSV with a preview, as the station, and re-importing changes nothing', async () => {
    const bytes = new TextEncoder().encode(`\uFEFF${recipientsCsv}`);
    const done = await importFile(as.stationX, 'recipients', 'r.csv', bytes, /新增 2 条/);
    expect(done).toContain('新增 2 条，更新 0 条，不变 0 条');
    const row = await t.database.db.select().from(recipients).where(eq(recipients.name, '周大伯')).get();
    expect(row).toMatchObject({
      careLevel: 'partial',
      supportMode: 'home',
      agreementKind: 'four',
      agreementSignedOn: '2026-03-05',
      caregiverMobileMasked: '138****1111',
    });
    expect(await f.cipher.decrypt(row!.idNumberEnc)).toBe(id1);
    const wu = await t.database.db.select().from(recipients).where(eq(recipients.name, '吴奶奶')).get();
    expect(wu).toMatchObject({ supportMode: 'institution', nursingHomeId: f.home.id, agreementSignedOn: '2025-12-09' });
    const again = await importFile(as.stationX, 'recipients', 'r.csv', bytes);
    expect(again).toContain('新增 0 条，更新 0 条，不变 2 条');
    // Found by name afterwards.
    expect(await (await as.stationX.get('/recipients?q=周大')).text()).toContain('周大伯');
  });

  it('names every bad row in Chinese and writes nothing', async () => {
    const bad = [
      RECIPIENT_HEADER,
      `,${id1},花石镇,,分散供养,半失能,,,,,`,
      `甲,${id1.slice(0, 17)}${id1.endsWith('0') ? '1' : '0'},花石镇,,分散供养,半失能,,,,,`,
      `乙,${id2},射埠镇,,上门,很好,,,12345,五方,明天`,
      `丙,${id2},花石镇,不存在村,集中供养,全自理,,,,,`,
    ].join('\n');
    const before = await databaseFingerprint(t.database.client, ['sessions', 'login_failures']);
    const res = await upload(as.stationX, 'recipients', 'bad.csv', new TextEncoder().encode(bad));
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const expected of [
      '第 2 行「姓名」：此项必填。',
      '第 3 行「身份证号」：身份证号校验位不正确',
      '第 4 行「乡镇」：不属于您所在的乡镇。',
      '第 4 行「供养方式」：「上门」不是有效选项',
      '第 4 行「自理能力」：「很好」不是有效选项',
      '第 4 行「照料人电话」',
      '第 4 行「协议类型」',
      '第 4 行「协议签订日期」',
      '第 5 行「姓名」：与第 4 行重复。',
    ])
      expect(html).toContain(expected);
    expect(await databaseFingerprint(t.database.client, ['sessions', 'login_failures'])).toBe(before);
  });

  it('imports volunteers from GB18030 CSV (English headers accepted) and organisations from xlsx, creating missing townships for the admin', async () => {
    const csv =
      'name,mobile,乡镇,所属组织,技能,党员\n赵志愿,13912340000,花石镇,湘潭县阳光社工服务中心,访视照料、心理疏导;送餐,是\n钱志愿,+86 139-1234-0001,新建镇,,,否\n';
    const done = await importFile(
      as.admin,
      'volunteers',
      'v.csv',
      new Uint8Array(iconv.encode(csv, 'gb18030')),
      /新增 2 条/,
    );
    expect(done).toContain('新增 2 条');
    const zhao = await t.database.db
      .select()
      .from(volunteers)
      .where(eq(volunteers.mobileHash, mobileHash('13912340000')))
      .get();
    expect(zhao).toMatchObject({ skills: ['visiting', 'counselling', 'meals'], partyMember: true, townshipId: f.x.id });
    expect(
      await t.database.db
        .select()
        .from(volunteerOrganisations)
        .where(eq(volunteerOrganisations.volunteerId, zhao!.id))
        .all(),
    ).toEqual([{ volunteerId: zhao!.id, organisationId: f.orgA.id }]);
    expect(await t.database.db.select().from(townships).where(eq(townships.name, '新建镇')).get()).toBeDefined();

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('组织');
    sheet.addRow(['类型', '名称', '乡镇', '孵化状态', '入驻年份', '联系人', '联系电话', '备注']);
    sheet.addRow(['社会组织', '湘潭县新芽公益服务中心', '花石镇', '孵化中', 2026, '孙主任', '13700001111', '忽略']);
    sheet.addRow(['敬老院', '射埠镇敬老院', '射埠镇', '', '', '', '', '']);
    const xlsx = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await importFile(as.admin, 'organisations', 'o.xlsx', xlsx)).toContain('新增 2 条');
    expect(
      await t.database.db.select().from(organisations).where(eq(organisations.name, '湘潭县新芽公益服务中心')).get(),
    ).toMatchObject({ incubationStage: 'incubating', incubationYear: 2026, kind: 'social_org' });
    expect((await upload(as.stationX, 'organisations', 'o.xlsx', xlsx)).status).toBe(403);
  });

  it('round-trips: an admin export re-imports unchanged, as CSV and as xlsx', async () => {
    await importFile(as.admin, 'recipients', 'r.csv', new TextEncoder().encode(recipientsCsv));
    const count = await t.database.db.$count(recipients);
    for (const format of ['csv', 'xlsx'] as const) {
      const exported = await as.admin.post(`/export/recipients/${format}`);
      expect(exported.status).toBe(200);
      const bytes = new Uint8Array(await exported.arrayBuffer());
      const done = await importFile(as.admin, 'recipients', `export.${format}`, bytes);
      expect(done).toContain(`新增 0 条，更新 0 条，不变 ${count} 条`);
    }
    for (const register of ['volunteers', 'organisations'] as const) {
      const bytes = new Uint8Array(await (await as.admin.post(`/export/${register}/xlsx`)).arrayBuffer());
      expect(await importFile(as.admin, register, 'x.xlsx', bytes)).toContain('新增 0 条，更新 0 条');
    }
  });

  it('masks exports for the station and keeps them to its township', async () => {
    const csv = await (await as.stationX.post('/export/recipients/csv')).text();
    expect(csv).toContain('张老汉');
    expect(csv).not.toContain('李奶奶');
    expect(csv).toMatch(/430321\*{8}/);
    expect(csv).not.toMatch(/\d{17}[\dX]/);
    expect(csv).not.toContain('13812345678');
    expect((await as.coordA.post('/export/recipients/csv')).status).toBe(403);
  });

  it('imports and exports from the shell: exit 0 with a summary, exit 1 with every row error', async () => {
    t.database.close();
    const run = promisify(execFile);
    // The database was made with the tests' key: the shell must be given the same one.
    const env = { ...process.env, ...TEST_KEYS, DATABASE_URL: `file:${t.dbPath}` };
    const cli = (...args: string[]) =>
      run(resolve(ROOT, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], { cwd: ROOT, env });
    const good = resolve(TMP_DIR, `r-${Date.now()}.csv`);
    writeFileSync(good, recipientsCsv);
    const ok = await cli('import', 'recipients', good);
    expect(JSON.parse(ok.stdout)).toEqual({ register: 'recipients', created: 2, updated: 0, unchanged: 0 });
    const bad = resolve(TMP_DIR, `bad-${Date.now()}.csv`);
    writeFileSync(bad, `${RECIPIENT_HEADER}\n某某,123,花石镇,,分散供养,半失能,,,,,\n`);
    const failed = await cli('import', 'recipients', bad).then(
      () => null,
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toBe('');
    expect(failed?.stderr).toContain('第 2 行「身份证号」：身份证号应为 18 位。');
    const out = resolve(TMP_DIR, `export-${Date.now()}.xlsx`);
    await cli('export', 'recipients', out);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  }, 60_000);
});

describe('every register from every file format', () => {
  const rows: Record<string, string[][]> = {
    organisations: [
      ['名称', '类型', '乡镇', '孵化状态', '入驻年份'],
      ['湘潭县格式测试服务社', '社会组织', '花石镇', '申请中', '2026'],
    ],
    volunteers: [
      ['姓名', '手机号', '乡镇', '技能', '党员'],
      ['格式测试', '13600000000', '花石镇', '清洁卫生', '否'],
    ],
    recipients: [
      RECIPIENT_HEADER.split(','),
      [
        '格式测试',
        testIdNumber('19360101', 99),
        '花石镇',
        '花石村',
        '分散供养',
        '全自理',
        '',
        '',
        '',
        '四方',
        '2026-01-02',
      ],
    ],
  };
  async function encode(format: string, table: string[][]): Promise<Uint8Array> {
    const text = table.map((r) => r.join(',')).join('\r\n');
    if (format === 'utf8bom') return new TextEncoder().encode(`\uFEFF${text}`);
    if (format === 'gb18030') return new Uint8Array(iconv.encode(text, 'gb18030'));
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('s');
    for (const r of table) sheet.addRow(r);
    return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }
  for (const register of ['organisations', 'volunteers', 'recipients'] as const) {
    for (const format of ['utf8bom', 'gb18030', 'xlsx'] as const) {
      it(`${register} from ${format}`, async () => {
        const bytes = await encode(format, rows[register]);
        const name = format === 'xlsx' ? 'f.xlsx' : 'f.csv';
        expect(await importFile(as.admin, register, name, bytes)).toContain('新增 1 条');
        expect(await importFile(as.admin, register, name, bytes)).toContain('新增 0 条，更新 0 条，不变 1 条');
        const exported = await (await as.admin.post(`/export/${register}/csv`)).text();
        expect(exported).toContain('格式测试');
      });
    }
  }
});
