import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { organisations, recipients } from '../../src/db/schema/index.js';
import { HOSTILE_ORGS } from '../fixtures/hostile-values.js';
import { type Browser, createTestApp, ORIGIN, type TestApp } from '../setup/app.js';
import { databaseFingerprint } from '../setup/forms.js';
import { type RegistryFixture, registryFixture, roleBrowsers, testIdNumber } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let admin: Browser;
beforeEach(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
  admin = (await roleBrowsers(t, f)).admin;
});

async function importFile(register: string, name: string, bytes: Uint8Array) {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const preview = await t.app.request(`${ORIGIN}/import/${register}`, {
    method: 'POST',
    body: form,
    headers: { origin: ORIGIN, cookie },
  });
  const html = await preview.text();
  expect(preview.status, html.slice(0, 1500)).toBe(200);
  const token = /name="token" value="([0-9a-f]+)"/.exec(html)![1];
  return (await admin.post(`/import/${register}/confirm`, { token })).text();
}

describe('export → import is lossless for hostile values', () => {
  it('re-imports hostile organisations as CSV and XLSX without creating or changing any', async () => {
    const now = t.clock.now();
    await t.database.db
      .insert(organisations)
      .values(HOSTILE_ORGS.map((o) => ({ ...o, kind: 'social_org' as const, createdAt: now, updatedAt: now })));
    const before = await databaseFingerprint(t.database.client, ['sessions', 'audit_log', 'import_uploads']);
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await admin.post(`/export/organisations/${format}`);
      expect(res.status).toBe(200);
      const done = await importFile('organisations', `o.${format}`, new Uint8Array(await res.arrayBuffer()));
      expect(done, format).toContain(`新增 0 条，更新 0 条，不变 ${HOSTILE_ORGS.length + 5} 条`);
    }
    expect(await databaseFingerprint(t.database.client, ['sessions', 'audit_log', 'import_uploads'])).toBe(before);
    const names = (await t.database.db.select({ name: organisations.name }).from(organisations)).map((o) => o.name);
    for (const o of HOSTILE_ORGS) expect(names.filter((n) => n === o.name)).toHaveLength(1);
  });

  it('protects ID numbers (with x) and mobiles in the recipients CSV, and re-imports them unchanged', async () => {
    const idWithX = (() => {
      for (let seq = 100; seq < 999; seq++) {
        const id = testIdNumber('19350406', seq);
        if (id.endsWith('X')) return id;
      }
      throw new Error('no X check digit');
    })();
    const csv = [
      '姓名,身份证号,乡镇,村(社区),供养方式,自理能力,照料人,照料人电话',
      `周大伯,${idWithX.toLowerCase()},花石镇,花石村,分散供养,半失能,周小红,13800138000`,
    ].join('\r\n');
    expect(await importFile('recipients', 'r.csv', new TextEncoder().encode(csv))).toContain('新增 1 条');
    const res = await admin.post('/export/recipients/csv');
    const text = new TextDecoder().decode(await res.arrayBuffer());
    // X-ended numbers are text to every spreadsheet already; all-digit ones are wrapped.
    expect(text).toContain(`,${idWithX},`);
    const plainId = testIdNumber('19400312', 351);
    expect(plainId).toMatch(/^\d{18}$/);
    expect(text).toContain(`"=""${plainId}"""`);
    expect(text).toContain('"=""13800138000"""');
    const count = await t.database.db.$count(recipients);
    const done = await importFile('recipients', 'r2.csv', new TextEncoder().encode(text));
    expect(done).toContain(`新增 0 条，更新 0 条，不变 ${count} 条`);
  });

  it('writes the report’s money as numbers with two decimals, read back with exceljs', async () => {
    const res = await admin.post('/reports/aid.xlsx?year=2026');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    for (const header of ['资金（元）', '物资折价（元）', '资金物资合计（元）']) {
      const cell = sheet.getRow(2).getCell(headers.indexOf(header) + 1);
      expect(cell.type, header).toBe(ExcelJS.ValueType.Number);
      expect(cell.numFmt, header).toBe('#,##0.00');
    }
    expect(sheet.getRow(2).getCell(2).value).toBe(2026);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('names downloads after what they are, the same in filename and filename*', async () => {
    const cases: [string, string][] = [
      ['/export/recipients/csv', `特困人员名册-2026-11-24.csv`],
      ['/export/volunteers/xlsx', `志愿者名册-2026-11-24.xlsx`],
      ['/reports/aid.xlsx?year=2026', '湘潭县2026年特困人员帮扶工作汇总.xlsx'],
      ['/reports/aid.docx?year=2026', '湘潭县2026年特困人员帮扶工作汇总.docx'],
      ['/activities/export.csv?from=2026-01-01&to=2026-12-31', '帮扶活动-2026-01-01至2026-12-31.csv'],
    ];
    for (const [path, name] of cases) {
      const res = await admin.post(path);
      expect(res.status, path).toBe(200);
      const header = res.headers.get('content-disposition') ?? '';
      const plain = decodeURIComponent(/filename="([^"]+)"/.exec(header)![1]);
      const star = decodeURIComponent(/filename\*=UTF-8''(\S+)/.exec(header)![1]);
      expect(plain, path).toBe(name);
      expect(star, path).toBe(name);
    }
  });
});
