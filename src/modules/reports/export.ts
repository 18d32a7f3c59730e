// docx is loaded on first use: most requests never build a Word file, and it costs the server ~13 MB to hold.
type Docx = typeof import('docx');

import type { Measures } from '../../domain/aid-summary.js';
import { formatWanYuan, formatYuanGrouped } from '../../domain/money.js';
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

function measureCells(m: Measures): Cell[] {
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

const FONT = 'FangSong';
const shownCell = (c: Cell) =>
  c === null
    ? ''
    : typeof c === 'object'
      ? formatYuanGrouped(c.hundredths)
      : typeof c === 'number'
        ? c.toLocaleString('en-US')
        : c;
const cellOf = (d: Docx, text: string, bold = false) =>
  new d.TableCell({ children: [new d.Paragraph({ children: [new d.TextRun({ text, bold, font: FONT, size: 21 })] })] });

function docTable(d: Docx, headers: string[], rows: Cell[][]) {
  const { Table, TableRow, WidthType } = d;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cellOf(d, h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cellOf(d, shownCell(c))) })),
    ],
  });
}

/** The summary as a short official report (title, date line, the sentence, the tables) in Word format. */
export async function summaryDocx(t: Translate, s: AnnualSummary, issuedOn: string): Promise<Uint8Array> {
  const d = await import('docx');
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } = d;
  const headers = measureHeaders(t);
  const section = (title: string, nameHeader: string, rows: { name: string; m: Measures }[]) => [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      children: [new TextRun({ text: title, font: 'SimHei', size: 28 })],
    }),
    docTable(
      d,
      [nameHeader, ...headers],
      rows.map((r) => [r.name, ...measureCells(r.m)]),
    ),
  ];
  const doc = new Document({
    creator: t('app.name'),
    title: t('report.title', { year: s.year }),
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            heading: HeadingLevel.TITLE,
            children: [
              new TextRun({ text: t('report.title', { year: s.year }), font: 'SimSun', bold: true, size: 36 }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: t('report.issuedOn', { date: issuedOn }), font: FONT, size: 24 })],
          }),
          new Paragraph({
            indent: { firstLine: 640 },
            spacing: { before: 240, after: 240 },
            children: [new TextRun({ text: summarySentence(t, s) + t('report.sentenceEnd'), font: FONT, size: 32 })],
          }),
          ...section(
            t('report.byTownship'),
            t('report.col.township'),
            s.by_township.map((r) => ({ name: r.township ?? t('report.noTownship'), m: r })),
          ),
          ...section(
            t('report.byOrganisation'),
            t('report.col.organisation'),
            s.by_organisation.map((r) => ({ name: r.organisation, m: r })),
          ),
          ...section(
            t('report.byMonth'),
            t('report.col.month'),
            s.by_month.map((r) => ({ name: r.month, m: r })),
          ),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
