import { fc, test } from '@fast-check/vitest';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  hoursCell,
  money,
  protectText,
  readTable,
  unprotectText,
  writeCsv,
  writeXlsx,
} from '../../src/lib/spreadsheet/index.js';
import { HOSTILE } from '../fixtures/hostile-values.js';

const roundTripCsv = async (values: string[]) => {
  const table = await readTable(
    writeCsv(
      values.map((_, i) => `c${i}`),
      [values],
    ),
    'x.csv',
  );
  return table.rows[0].cells;
};

describe('CSV protection', () => {
  it('wraps digit strings and formula starts as ="…", an apostrophe where a formula cannot hold the text', () => {
    expect(protectText('430321193504060886')).toBe('="430321193504060886"');
    expect(protectText('07315555555')).toBe('="07315555555"');
    expect(protectText('=1+1')).toBe('="=1+1"');
    expect(protectText('=HYPERLINK("x")')).toBe('="=HYPERLINK(""x"")"');
    expect(protectText("'x")).toBe(`="'x"`);
    expect(protectText('=a\nb')).toBe("'=a\nb");
    expect(protectText('张三')).toBe('张三');
    expect(unprotectText('="0731"')).toBe('0731');
    expect(unprotectText("'0731")).toBe('0731');
  });

  it('round-trips every hostile value through CSV and XLSX unchanged', async () => {
    expect(await roundTripCsv(HOSTILE)).toEqual(HOSTILE);
    const xlsx = await writeXlsx(
      '表',
      HOSTILE.map((_, i) => `c${i}`),
      [HOSTILE],
    );
    expect((await readTable(xlsx, 'x.xlsx')).rows[0].cells).toEqual(HOSTILE);
  });

  // Leading and trailing white space is not data: importers trim every cell.
  const text = fc
    .string({
      unit: fc.constantFrom('0', '1', '9', 'X', '=', '+', '-', '@', "'", '"', ',', '\n', ' ', '张', '：', '.', '/'),
    })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

  test.prop([fc.array(text, { minLength: 1, maxLength: 6 })])('any text survives a CSV round trip', async (values) => {
    expect(await roundTripCsv(values)).toEqual(values);
  });
});

describe('XLSX cells', () => {
  it('stores money and hours as numbers with two decimals, text as text, and freezes the header', async () => {
    const bytes = await writeXlsx(
      '汇总',
      ['名称', '资金(元)', '时长', '身份证号'],
      [
        ['甲', money(866_700_000), hoursCell(350), '430321193504060886'],
        ['乙', money(5), hoursCell(0), '07315555555'],
      ],
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getCell('B2').value).toBe(8_667_000);
    expect(sheet.getCell('B2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('B3').value).toBe(0.05);
    expect(sheet.getCell('C2').value).toBe(3.5);
    expect(sheet.getCell('D2').value).toBe('430321193504060886');
    expect(sheet.getCell('D3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(4).width).toBeGreaterThanOrEqual(18);
    // The same amounts in CSV are plain decimals that import back to the same fen.
    const csv = await readTable(writeCsv(['资金'], [[money(866_700_000)], [money(-1250)]]), 'x.csv');
    expect(csv.rows.map((r) => r.cells[0])).toEqual(['8667000.00', '-12.50']);
  });
});
