import { stringify } from 'csv-stringify/sync';
import { formatHundredths } from '../../domain/money.js';
import { protectText } from './protect.js';

/** Money in fen, or hours in hundredths: written as exact two-decimal numbers. */
export type Amount = { readonly kind: 'money' | 'hours'; readonly hundredths: number };
export type Cell = string | number | null | Amount;

export const money = (fen: number): Amount => ({ kind: 'money', hundredths: fen });
export const hoursCell = (centihours: number): Amount => ({ kind: 'hours', hundredths: centihours });

const isAmount = (c: Cell): c is Amount => typeof c === 'object' && c !== null;

/** Neutralises spreadsheet formula injection (and number conversion) for CSV; numbers stay numbers. */
export function neutralise(value: Cell): Cell {
  return typeof value === 'string' ? protectText(value) : value;
}

/** A cell as CSV text: amounts as plain "1234.50" (re-importable), text protected (decision 0083). */
function csvText(c: Cell): string {
  if (c === null) return '';
  if (isAmount(c)) return formatHundredths(c.hundredths);
  if (typeof c === 'number') return String(c);
  return protectText(c);
}

/** CSV as UTF-8 with a BOM, so Excel on Chinese Windows opens it without garbling. */
export function writeCsv(headers: string[], rows: Cell[][]): Uint8Array {
  const text = stringify([headers.map(protectText), ...rows.map((r) => r.map(csvText))], {
    record_delimiter: '\r\n',
    // csv-stringify quotes on the record delimiter (CRLF) only; a lone LF or CR in a cell must be quoted too, or
    // Excel and LibreOffice split the row there.
    quoted_match: /[\r\n]/,
  });
  return new TextEncoder().encode(`\uFEFF${text}`);
}

/** Display width of text in Excel's character units: CJK (and other wide) characters count two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/.test(ch) ? 2 : 1;
  return w;
}

const MONEY_FORMAT = '#,##0.00';
const shown = (c: Cell) => (c === null ? '' : isAmount(c) ? formatHundredths(c.hundredths) : String(c));

/**
 * One-sheet .xlsx readable when opened: a bold frozen header row, columns as wide as their content, text cells
 * as text (format "@", never a formula, so no neutralising mark is needed and values stay exact), amounts as
 * numbers with two decimals and thousands separators, so they sum.
 */
export async function writeXlsx(sheetName: string, headers: string[], rows: Cell[][]): Promise<Uint8Array> {
  // Loaded on first use: exceljs costs ~27 MB resident and most requests never write a workbook.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(row.map((c) => (isAmount(c) ? c.hundredths / 100 : c)));
    row.forEach((c, i) => {
      if (isAmount(c)) added.getCell(i + 1).numFmt = MONEY_FORMAT;
      else if (typeof c === 'string') added.getCell(i + 1).numFmt = '@';
    });
  }
  headers.forEach((h, i) => {
    const longest = Math.max(displayWidth(h), ...rows.slice(0, 500).map((r) => displayWidth(shown(r[i] ?? null))));
    // Amounts gain thousands separators when shown.
    const extra = rows.some((r) => isAmount(r[i] ?? null)) ? 4 : 0;
    sheet.getColumn(i + 1).width = Math.min(50, Math.max(8, longest + extra + 2));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
