import type { Measures } from '../../domain/aid-summary.js';
import { formatWanYuan } from '../../domain/money.js';
import type { Translate } from '../../lib/i18n/index.js';
import { type Cell, money, writeCsv, writeXlsx } from '../../lib/spreadsheet/index.js';
import type { AnnualSummary } from './summary.js';

/** The seed's sentence, from the data: counts exact, money in 万元 with one decimal. */
export function summarySentence(t: Translate, s: Measures): string {
  return t('report.sentence', {
    orgs: s.organisations_participating,
    stations: s.stations_participating,
    homes: s.nursing_homes_visited,
    households: s.households_visited,
    events: s.assistance_events,
    wan: formatWanYuan(s.aid_total_fen),
  });
}

/** The file name of the year's report, as the county titles it (no extension). */
export const reportFileName = (county: string, year: number) => `${county}${year}年特困人员帮扶工作汇总`;

const MEASURE_KEYS = [
  'organisations_participating',
  'stations_participating',
  'nursing_homes_visited',
  'households_visited',
  'assistance_events',
  'cash_fen',
  'goods_value_fen',
  'aid_total_fen',
  'service_hours',
] as const;

export function measureHeaders(t: Translate): string[] {
  return MEASURE_KEYS.map((k) => t(`report.m.${k}`));
}

export function measureCells(m: Measures): Cell[] {
  return MEASURE_KEYS.map((k) => (k.endsWith('_fen') ? money(m[k]) : m[k]));
}

/** One long table: the county line, then each breakdown, each row tagged with its grouping. */
export function summaryTable(t: Translate, s: AnnualSummary): { headers: string[]; rows: Cell[][] } {
  const headers = [t('report.col.group'), t('report.col.name'), ...measureHeaders(t)];
  const rows: Cell[][] = [[t('report.group.total'), s.year, ...measureCells(s)]];
  for (const r of s.by_township)
    rows.push([t('report.group.township'), r.township ?? t('report.noTownship'), ...measureCells(r)]);
  for (const r of s.by_organisation) rows.push([t('report.group.organisation'), r.organisation, ...measureCells(r)]);
  for (const r of s.by_month) rows.push([t('report.group.month'), r.month, ...measureCells(r)]);
  return { headers, rows };
}

export function summaryCsv(t: Translate, s: AnnualSummary): Uint8Array {
  const { headers, rows } = summaryTable(t, s);
  return writeCsv(headers, rows);
}

export function summaryXlsx(t: Translate, s: AnnualSummary): Promise<Uint8Array> {
  const { headers, rows } = summaryTable(t, s);
  return writeXlsx(t('report.title', { year: s.year }), headers, rows);
}
