import type { Measures } from '../../domain/aid-summary.js';
import { formatWanYuan, formatYuanExact } from '../../domain/money.js';
import type { Translate } from '../../lib/i18n/index.js';
import { type Cell, money, writeCsv, writeXlsx } from '../../lib/spreadsheet/index.js';
import type { AnnualSummary } from './summary.js';

/**
 * The total as the sentence says it: in Chinese 万元 with one decimal from 1 万元 up (the seed's style) and exact 元
 * below (never "0.0万元"); in English exact yuan ("8,667,000 yuan", never "10k yuan").
 */
export function amountWords(t: Translate, fen: number): string {
  if (t('report.amountInWan') === 'yes' && Math.abs(fen) >= 1_000_000)
    return t('report.amountWan', { wan: formatWanYuan(fen) });
  return t('report.amountYuan', { yuan: formatYuanExact(fen) });
}

/** The seed's sentence, from the data: counts exact, the total as `amountWords` says it. */
export function summarySentence(t: Translate, s: Measures): string {
  return t('report.sentence', {
    orgs: s.organisations_participating,
    stations: s.stations_participating,
    homes: s.nursing_homes_visited,
    households: s.households_visited,
    events: s.assistance_events,
    amount: amountWords(t, s.aid_total_fen),
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
  'volunteer_hours',
  'volunteers_serving',
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
  // The table by funding source has money and service hours only: its other columns stay empty.
  const blank = (k: string) => !['cash_fen', 'goods_value_fen', 'aid_total_fen', 'service_hours'].includes(k);
  for (const r of s.by_funding_source)
    rows.push([
      t('report.group.source'),
      t(`fundingSource.${r.source}`),
      ...MEASURE_KEYS.map((k) =>
        blank(k) ? null : k.endsWith('_fen') ? money(r[k as keyof typeof r] as number) : r.service_hours,
      ),
    ]);
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
