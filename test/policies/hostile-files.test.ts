import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cipherFor } from '../../src/lib/personal-data.js';
import { readTable } from '../../src/lib/spreadsheet/index.js';
import { tokenIn, uploadActivities } from '../setup/activity-import.js';
import { createTestApp, loginAs } from '../setup/app.js';
import { databaseFingerprint } from '../setup/forms.js';
import { organisation, recipient, township } from '../setup/ledger-fixtures.js';

const upload = uploadActivities;

const HEADER = '活动编号,日期,组织,活动类型,对象类型,对象,资金(元),物资名称,数量,单位,物资折价(元),服务时长(小时)';

/** Malformed and malicious spreadsheets are refused cleanly (or imported as plain text) and never change state. */
describe('hostile spreadsheet files', () => {
  it('refuses truncated xlsx, garbage bytes, wrong encodings and 100 k rows of junk with a message, writing nothing', async () => {
    const t = await createTestApp();
    const admin = (await loginAs(t, 'county_admin')).browser;
    await township(t.database.db, '易俗河镇');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(HEADER.split(','));
    const xlsx = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const junkRows = Array.from(
      { length: 100_000 },
      (_, i) => `${i},not-a-date,无此组织,乱写,??,${'x'.repeat(i % 7)},abc,,,,,`,
    ).join('\n');
    const files: [string, Uint8Array][] = [
      ['truncated.xlsx', xlsx.slice(0, Math.floor(xlsx.length / 2))],
      ['garbage.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(500).fill(7)])],
      ['binary.csv', crypto.getRandomValues(new Uint8Array(4096))],
      ['utf16.csv', new Uint8Array(iconv.encode(`${HEADER}\n1,2026-01-01`, 'utf16-le'))],
      ['junk.csv', new TextEncoder().encode(`${HEADER}\n${junkRows}`)],
      ['empty.csv', new Uint8Array()],
    ];
    for (const [name, bytes] of files) {
      const before = await databaseFingerprint(t.database.client, ['sessions', 'login_failures']);
      const res = await upload(t, admin, name, bytes);
      expect(res.status, name).toBe(422);
      const html = await res.text();
      expect(html, name).toMatch(/<li>|无法|错误|行/);
      expect(await databaseFingerprint(t.database.client, ['sessions', 'login_failures']), name).toBe(before);
    }
  }, 60_000);

  it('imports a formula-looking cell as text, exports it neutralised, and reads the export back as the original', async () => {
    const t = await createTestApp();
    const db = t.database.db;
    const admin = (await loginAs(t, 'county_admin')).browser;
    const A = await township(db, '易俗河镇');
    await organisation(db, '湘潭县爱心协会', 'social_org', A);
    await recipient(db, cipherFor(t.config), '王秀英', A, 'home', '430321195003120017');
    const evil = '=HYPERLINK("http://evil.example","点我")';
    const csv = `${HEADER}\nA-1,2026-03-01,湘潭县爱心协会,关爱帮扶,分散供养户,430321195003120017,,"${evil.replace(/"/g, '""')}",1,袋,50.00,\n`;
    const res = await upload(t, admin, 'evil.csv', new TextEncoder().encode(csv));
    expect(res.status).toBe(200);
    const token = tokenIn(await res.text())!;
    expect((await admin.post('/activities/import/confirm', { token })).status).toBe(200);
    const row = await t.database.client.execute('SELECT goods_name FROM ledger_lines');
    expect(row.rows[0].goods_name).toBe(evil);
    const exported = new Uint8Array(await (await admin.post('/activities/export.csv')).arrayBuffer());
    // In the file the cell is a string literal no spreadsheet evaluates as the formula…
    expect(new TextDecoder().decode(exported)).toContain(`"=""=HYPERLINK(""""http://evil.example""""`);
    // …and every importer takes it off again.
    const table = await readTable(exported, 'x.csv');
    const goodsColumn = table.headers.indexOf('物资名称');
    expect(table.rows[0].cells[goodsColumn]).toBe(evil);
  });
});
