// npm run bench:xlsx — reading an uploaded .xlsx: the zip guard and the streamed reader next to
// exceljs' whole-workbook load (the reader before, the baseline) in the same run, each in its own child process
// so its peak RSS is its own. Files: our own export of 50,000 recipients, and a 1 GiB zip bomb (honest and lying).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeXlsx } from '../src/lib/spreadsheet/index.js';
import { RECIPIENT_COLUMNS } from '../src/modules/registry/formats.js';
import { xlsxBomb } from '../test/fixtures/zip-bomb.js';
import { BENCH_TMP } from './lib/app.js';
import { saveReport } from './lib/results.js';

mkdirSync(BENCH_TMP, { recursive: true });
const headers = RECIPIENT_COLUMNS.map((c) => c.zh);
const rows = Array.from({ length: 50_000 }, (_, i) => [
  `张${i % 97}`,
  `4303211935040${String(i).padStart(5, '0')}`,
  '易俗河镇',
  `第${i % 21}村`,
  '分散供养',
  '全自理',
  null,
  '照料人',
  `138${String(i).padStart(8, '0')}`,
  '四方',
  '2026-03-01',
]);
const files = {
  'export 50k rows': resolve(BENCH_TMP, 'recipients-50k.xlsx'),
  'bomb 1 GiB': resolve(BENCH_TMP, 'bomb.xlsx'),
  'bomb 1 GiB, lying directory': resolve(BENCH_TMP, 'bomb-lying.xlsx'),
};
writeFileSync(files['export 50k rows'], await writeXlsx('特困人员', headers, rows));
writeFileSync(files['bomb 1 GiB'], await xlsxBomb(headers, 1024));
writeFileSync(files['bomb 1 GiB, lying directory'], await xlsxBomb(headers, 1024, true));

const run = (mode: string, file: string) =>
  JSON.parse(
    execFileSync(resolve('node_modules/.bin/tsx'), ['bench/xlsx-read.ts', mode, file], { encoding: 'utf8' }).trim(),
  );
const lines: string[] = [];
for (const [label, file] of Object.entries(files)) {
  // The whole-workbook load of a bomb takes GiBs (STACK-NOTES: 4.2 GiB, 53 s for 400 MB of XML): not run here.
  for (const mode of label.startsWith('bomb') ? ['guard', 'stream'] : ['load', 'guard', 'stream']) {
    const r = run(mode, file);
    lines.push(
      `${label.padEnd(28)} ${mode.padEnd(7)} ${String(r.ms).padStart(6)} ms  ${String(r.peakRssMiB).padStart(5)} MiB peak  ${r.refused ? `refused: ${r.refused}` : `${r.rows} rows`}`,
    );
  }
}
saveReport(
  'xlsx',
  [
    'load = exceljs workbook.xlsx.load + eachRow (the reader before, baseline); guard = inspectZip alone;',
    'stream = readTable: guard, then WorkbookReader rows under the cap. Shared 2-core machine: figures are noisy.',
    '',
    ...lines,
  ].join('\n'),
);
