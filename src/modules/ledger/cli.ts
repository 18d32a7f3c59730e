import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import type { Db } from '../../db/client.js';
import { translator } from '../../lib/i18n/index.js';
import { annualSummary } from './report.js';
import { summaryDocx, summaryXlsx } from './export.js';

/** `report annual --year YYYY [--json] [--docx FILE] [--xlsx FILE]`: the county-wide summary; JSON alone on stdout. */
export async function reportAnnualCommand(db: Db, args: string[], out: (line: string) => void, today: string): Promise<number> {
  const { values } = parseArgs({ args, options: { year: { type: 'string' }, json: { type: 'boolean' }, docx: { type: 'string' }, xlsx: { type: 'string' } } });
  const year = Number(values.year);
  if (!values.year || !/^\d{4}$/.test(values.year) || year < 1900) {
    console.error('--year YYYY is required');
    return 2;
  }
  if (!values.json && !values.docx && !values.xlsx) {
    console.error('choose at least one of --json, --docx FILE, --xlsx FILE');
    return 2;
  }
  const summary = await annualSummary(db, year, {});
  const t = translator('zh');
  if (values.docx) writeFileSync(values.docx, await summaryDocx(t, summary, today));
  if (values.xlsx) writeFileSync(values.xlsx, await summaryXlsx(t, summary));
  if (values.json) out(JSON.stringify(summary));
  return 0;
}
