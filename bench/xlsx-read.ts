// Child of bench/xlsx.ts: reads one .xlsx one way and prints {ms, rows, peakRssMiB} as JSON (or the refusal).
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { inspectZip, readTable } from '../src/lib/spreadsheet/index.js';

const [mode, file] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file));
const started = performance.now();
let rows = 0;
let refused: string | null = null;
if (mode === 'load') {
  // How the importer read an .xlsx before: the whole package inflated and modelled in memory.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  wb.worksheets[0].eachRow(() => rows++);
} else if (mode === 'guard') {
  const v = inspectZip(bytes);
  refused = v.ok ? null : v.reason;
} else {
  try {
    rows = (await readTable(bytes, 'x.xlsx')).rows.length + 1;
  } catch (error) {
    refused = (error as { reason?: string }).reason ?? String(error);
  }
}
const ms = performance.now() - started;
console.log(
  JSON.stringify({ ms: Math.round(ms), rows, refused, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }),
);
