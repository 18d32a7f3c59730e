import { parse } from 'csv-parse/sync';
// exceljs is loaded on first use (it costs ~27 MB resident); only spreadsheet work needs it.
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { unprotectText } from './protect.js';
import { inspectZip } from './zip-guard.js';

/** A table as read from a file: the header row and the data rows, every cell as trimmed text. */
export interface RawTable {
  headers: string[];
  /** Data rows with their 1-based row number in the file (the header is row 1). */
  rows: { rowNumber: number; cells: string[] }[];
  encoding: 'utf-8' | 'gb18030' | 'xlsx';
}

export class SpreadsheetError extends Error {
  constructor(public readonly reason: 'empty' | 'unreadable' | 'too_many_rows' | 'too_large') {
    super(reason);
  }
}

export const MAX_ROWS = 200_000;

/**
 * Decodes CSV bytes: UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GB18030, which is what
 * Excel on Chinese Windows writes ("CSV (逗号分隔)") and is a superset of GBK and GB2312.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
  }
}

function isXlsx(bytes: Uint8Array, filename: string): boolean {
  // .xlsx is a zip: "PK\x03\x04".
  return (
    filename.toLowerCase().endsWith('.xlsx') ||
    (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
  );
}

function toTable(records: string[][], encoding: RawTable['encoding']): RawTable {
  // CSV cells carry the protection marks of our exports (and of hand-typed '0731…): undone here, once, for all.
  const clean = encoding === 'xlsx' ? (c: string) => c.trim() : (c: string) => unprotectText(c.trim()).trim();
  const nonEmpty = records.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map(clean) }));
  const headerIndex = nonEmpty.findIndex((r) => r.cells.some((c) => c !== ''));
  if (headerIndex < 0) throw new SpreadsheetError('empty');
  const rows = nonEmpty.slice(headerIndex + 1).filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length > MAX_ROWS) throw new SpreadsheetError('too_many_rows');
  return { headers: nonEmpty[headerIndex].cells, rows, encoding };
}

/** Excel stores dates as serial days since 1899-12-30 (with the 1900 leap-year bug folded in). */
export function excelSerialToDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86400 * 1000);
  return new Date(ms).toISOString().slice(0, 10);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text; // hyperlinks
  // A formula is imported as the value Excel computed, never as a formula.
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('error' in value) return '';
  return String(value);
}

/** Cells of one row, by column (1-based in exceljs). Rows wider than this are refused, not grown. */
const MAX_COLUMNS = 500;

/**
 * The first sheet, streamed row by row with a row cap (exceljs' WorkbookReader), after the zip itself passed
 * `inspectZip`: neither a zip bomb nor a sheet of a million rows is ever held in memory whole.
 */
async function readXlsx(bytes: Uint8Array): Promise<RawTable> {
  const verdict = inspectZip(bytes);
  if (!verdict.ok) throw new SpreadsheetError(verdict.reason);
  const { default: Excel } = await import('exceljs');
  const { Readable } = await import('node:stream');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const records: string[][] = [];
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      if (sheets++ > 0) continue; // drain the rest of the stream: only the first sheet is read
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        if (row.number > MAX_ROWS + 1 || records.length > MAX_ROWS + 1) throw new SpreadsheetError('too_many_rows');
        if (row.cellCount > MAX_COLUMNS) throw new SpreadsheetError('too_large');
        const cells: string[] = [];
        for (let col = 1; col <= row.cellCount; col++) cells.push(cellText(row.getCell(col).value));
        records[row.number - 1] = cells;
      }
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError('unreadable');
  }
  if (sheets === 0) throw new SpreadsheetError('empty');
  for (let i = 0; i < records.length; i++) records[i] ??= [];
  return toTable(records, 'xlsx');
}

/** Reads a CSV (UTF-8, UTF-8 with BOM, or GB18030) or the first sheet of an .xlsx file. */
export async function readTable(bytes: Uint8Array, filename: string): Promise<RawTable> {
  if (bytes.length === 0) throw new SpreadsheetError('empty');
  if (isXlsx(bytes, filename)) return readXlsx(bytes);
  const { text, encoding } = decodeCsv(bytes);
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: false, bom: true });
  } catch {
    throw new SpreadsheetError('unreadable');
  }
  return toTable(records, encoding);
}
