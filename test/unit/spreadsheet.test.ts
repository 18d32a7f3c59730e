import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  excelSerialToDate,
  mapColumns,
  neutralise,
  readTable,
  rowValues,
  SpreadsheetError,
  writeCsv,
  writeXlsx,
} from '../../src/lib/spreadsheet/index.js';

const COLUMNS = [
  { field: 'name', zh: '姓名', en: 'name', required: true },
  { field: 'township', zh: '乡镇', en: 'township', required: true },
  { field: 'village', zh: '村(社区)', en: 'village' },
] as const;

const CSV = '姓名,乡镇,备注\r\n张三,易俗河镇,老党员\r\n李四,花石镇,"含,逗号"\r\n';

describe('reading tables', () => {
  it('reads UTF-8 with a BOM and without', async () => {
    for (const prefix of ['\uFEFF', '']) {
      const table = await readTable(new TextEncoder().encode(prefix + CSV), 'a.csv');
      expect(table.encoding).toBe('utf-8');
      expect(table.headers).toEqual(['姓名', '乡镇', '备注']);
      expect(table.rows.map((r) => r.cells)).toEqual([
        ['张三', '易俗河镇', '老党员'],
        ['李四', '花石镇', '含,逗号'],
      ]);
      expect(table.rows[0].rowNumber).toBe(2);
    }
  });

  it('detects GB18030 as Excel on Chinese Windows writes it', async () => {
    const bytes = iconv.encode(CSV, 'gb18030');
    const table = await readTable(new Uint8Array(bytes), 'gbk.csv');
    expect(table.encoding).toBe('gb18030');
    expect(table.rows[1].cells[1]).toBe('花石镇');
  });

  it('reads the first sheet of an xlsx, formulas as their values and dates as YYYY-MM-DD', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名单');
    sheet.addRow(['name', '乡镇', '签订日期']);
    sheet.addRow(['王五', { formula: '"花"&"石镇"', result: '花石镇' }, new Date(Date.UTC(2025, 2, 9))]);
    wb.addWorksheet('other').addRow(['ignored']);
    const table = await readTable(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), 'x.xlsx');
    expect(table.encoding).toBe('xlsx');
    expect(table.rows[0].cells).toEqual(['王五', '花石镇', '2025-03-09']);
  });

  it('maps columns by Chinese or English header in any order, ignoring unknown ones', async () => {
    const table = await readTable(new TextEncoder().encode('备注,township,姓名\nx,花石镇,赵六\n'), 'a.csv');
    const map = mapColumns(table.headers, COLUMNS);
    expect(map.missing).toEqual([]);
    expect(rowValues(table.rows[0].cells, map, COLUMNS)).toEqual({ name: '赵六', township: '花石镇', village: '' });
    expect(mapColumns(['姓名'], COLUMNS).missing.map((c) => c.zh)).toEqual(['乡镇']);
  });

  it('refuses empty and truncated files with a reason', async () => {
    await expect(readTable(new Uint8Array(), 'a.csv')).rejects.toThrow(SpreadsheetError);
    const xlsx = new Uint8Array((await new ExcelJS.Workbook().xlsx.writeBuffer()) as ArrayBuffer);
    await expect(readTable(xlsx.slice(0, 40), 'broken.xlsx')).rejects.toMatchObject({ reason: 'unreadable' });
  });

  it('converts Excel serial dates', () => {
    expect(excelSerialToDate(45725)).toBe('2025-03-09');
  });
});

describe('writing tables', () => {
  it('writes CSV with a BOM that reads back unchanged', async () => {
    const bytes = writeCsv(
      ['姓名', '金额'],
      [
        ['张三', '-12.50'],
        ['李四', null],
      ],
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = await readTable(bytes, 'out.csv');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['张三', '-12.50'],
      ['李四', ''],
    ]);
  });

  it('neutralises formula injection in CSV; XLSX keeps text as text cells, never formulas', async () => {
    expect(neutralise('=HYPERLINK("http://x","点我")')).toBe(`="=HYPERLINK(""http://x"",""点我"")"`);
    expect(neutralise('+86 138')).toBe(`="+86 138"`);
    expect(neutralise('@SUM(A1)')).toBe(`="@SUM(A1)"`);
    expect(neutralise(-3.5)).toBe(-3.5);
    const xlsx = await writeXlsx('表', ['x'], [['=1+1'], [42]]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0].getCell('A2').value).toBe('=1+1');
    expect(wb.worksheets[0].getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(wb.worksheets[0].getCell('A3').value).toBe(42);
  });
});
