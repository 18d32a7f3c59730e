import { stringify } from 'csv-stringify/sync';

export type Cell = string | number | null;

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Neutralises spreadsheet formula injection: text starting with = + - @ (or a tab/CR) gets a leading apostrophe,
 * which Excel shows as text. Plain numbers (e.g. a reversal of -12.50) are left alone.
 */
export function neutralise(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  if (PLAIN_NUMBER.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** CSV as UTF-8 with a BOM, so Excel on Chinese Windows opens it without garbling. */
export function writeCsv(headers: string[], rows: Cell[][]): Uint8Array {
  const text = stringify([headers, ...rows.map((r) => r.map((c) => neutralise(c) ?? ''))], {
    record_delimiter: '\r\n',
  });
  return new TextEncoder().encode(`\uFEFF${text}`);
}

/** One-sheet .xlsx; text cells are neutralised, numbers stay numbers. */
export async function writeXlsx(sheetName: string, headers: string[], rows: Cell[][]): Promise<Uint8Array> {
  // Loaded on first use: exceljs costs ~27 MB resident and most requests never write a workbook.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((c) => neutralise(c)));
  sheet.columns.forEach((col, i) => {
    const longest = Math.max(headers[i]?.length ?? 4, ...rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
    col.width = Math.min(40, Math.max(8, longest * 1.6));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
