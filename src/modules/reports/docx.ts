// docx is loaded on first use: most requests never build a Word file, and it costs the server ~13 MB to hold.
type Docx = typeof import('docx');

import type { Measures } from '../../domain/aid-summary.js';
import { formatYuanGrouped } from '../../domain/money.js';
import type { SvgRasteriser } from '../../lib/context.js';
import type { Translate } from '../../lib/i18n/index.js';
import type { Cell } from '../../lib/spreadsheet/index.js';
import { barChartSvg } from './bar-chart.js';
import { reportCharts } from './charts.js';
import { measureCells, measureHeaders, summarySentence } from './export.js';
import type { AnnualSummary } from './summary.js';

const BODY_FONT = 'FangSong';
const TABLE_SIZE = 18; // half-points: 9 pt, so ten columns fit a landscape page without wrapping a number
// A4 in twips (1/1440 inch); docx swaps them for landscape sections.
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134; // 2 cm
// Landscape text width: 16838 − 2 × 1134 = 14570 twips. The name column, then the eleven measures: counts narrow,
// money wide enough for "18,676,006.45" at 9 pt on one line.
const WIDTHS = [2370, 850, 850, 850, 850, 850, 1650, 1650, 1750, 1000, 1000, 900];

const shown = (c: Cell) =>
  c === null
    ? ''
    : typeof c === 'object'
      ? formatYuanGrouped(c.hundredths)
      : typeof c === 'number'
        ? c.toLocaleString('en-US', { maximumFractionDigits: 2 })
        : c;

function tableCell(d: Docx, text: string, opts: { bold?: boolean; right?: boolean; width: number }) {
  return new d.TableCell({
    width: { size: opts.width, type: d.WidthType.DXA },
    children: [
      new d.Paragraph({
        alignment: opts.right ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
        children: [new d.TextRun({ text, bold: opts.bold, font: BODY_FONT, size: TABLE_SIZE })],
      }),
    ],
  });
}

/**
 * A fixed-width table: the header row repeated on every page, no row split across pages, numbers (every column
 * after the first) right-aligned, bold rows where asked.
 */
function fixedTable(d: Docx, widths: number[], header: string[], rows: { cells: string[]; bold: boolean }[]) {
  const row = (cells: string[], bold: boolean, tableHeader = false) =>
    new d.TableRow({
      tableHeader,
      cantSplit: true,
      children: cells.map((text, i) => tableCell(d, text, { bold, right: i > 0, width: widths[i] })),
    });
  return new d.Table({
    layout: d.TableLayoutType.FIXED,
    width: { size: widths.reduce((a, b) => a + b, 0), type: d.WidthType.DXA },
    columnWidths: widths,
    rows: [row(header, true, true), ...rows.map((r) => row(r.cells, r.bold))],
  });
}

/**
 * A table that fits the landscape page: fixed column widths, the header repeated on every page, rows unsplit,
 * and the county's total as its last row (bold), so a printed table can be checked by adding it up.
 */
function measureTable(
  d: Docx,
  headers: string[],
  rows: { name: string; m: Measures }[],
  total: { name: string; m: Measures },
) {
  const body = [...rows, total].map((r) => ({ cells: [r.name, ...measureCells(r.m).map(shown)], bold: r === total }));
  return fixedTable(d, WIDTHS, headers, body);
}

async function chartImages(d: Docx, t: Translate, s: AnnualSummary, rasterise: SvgRasteriser | undefined) {
  if (!rasterise)
    return [new d.Paragraph({ children: [new d.TextRun({ text: t('report.chartsMissing'), size: 21 })] })];
  const charts = reportCharts(t, s);
  const out = [];
  for (const chart of [charts.month, charts.township]) {
    // 720 × 320 SVG drawn at twice the size for print, placed 16 cm wide (≈ 605 px at 96 dpi).
    const png = await rasterise(barChartSvg(chart), 1440);
    out.push(
      new d.Paragraph({
        alignment: d.AlignmentType.CENTER,
        children: [new d.ImageRun({ type: 'png', data: png, transformation: { width: 605, height: 269 } })],
      }),
    );
  }
  return out;
}

const SOURCE_WIDTHS = [4570, 2500, 2500, 2500, 2500];

/** Money and service hours by funding source, with the county's total last (bold): the page's table. */
function sourceTable(d: Docx, t: Translate, s: AnnualSummary) {
  const header = [
    'report.col.source',
    'report.m.cash_fen',
    'report.m.goods_value_fen',
    'report.m.aid_total_fen',
    'report.m.service_hours',
  ] as const;
  const rows = [
    ...s.by_funding_source.map((r) => ({ name: t(`fundingSource.${r.source}`), r, bold: false })),
    { name: t('report.group.total'), r: s, bold: true },
  ];
  const body = rows.map(({ name, r, bold }) => ({
    cells: [
      name,
      formatYuanGrouped(r.cash_fen),
      formatYuanGrouped(r.goods_value_fen),
      formatYuanGrouped(r.aid_total_fen),
      shown(r.service_hours),
    ],
    bold,
  }));
  return fixedTable(
    d,
    SOURCE_WIDTHS,
    header.map((h) => t(h)),
    body,
  );
}

/**
 * The summary as a printable official report: a portrait first section (title, date, the sentence, the page's
 * two charts as PNG), then a landscape section with the three tables (numbers right-aligned with thousands
 * separators, headers repeated on each page).
 */
export async function summaryDocx(
  t: Translate,
  s: AnnualSummary,
  opts: { issuedOn: string; county: string; rasterise?: SvgRasteriser },
): Promise<Uint8Array> {
  const d = await import('docx');
  const { AlignmentType, Document, HeadingLevel, Packer, PageOrientation, Paragraph, TextRun } = d;
  const title = t('report.docTitle', { county: opts.county, year: s.year });
  const heading = (text: string) =>
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      spacing: { before: 240, after: 120 },
      children: [new TextRun({ text, font: 'SimHei', size: 28 })],
    });
  const headers = measureHeaders(t);
  const total = { name: t('report.group.total'), m: s };
  const page = (orientation: (typeof PageOrientation)[keyof typeof PageOrientation]) => ({
    page: {
      size: { ...A4, orientation },
      margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    },
  });
  const doc = new Document({
    creator: t('app.name'),
    title,
    sections: [
      {
        properties: page(PageOrientation.PORTRAIT),
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            heading: HeadingLevel.TITLE,
            children: [new TextRun({ text: title, font: 'SimSun', bold: true, size: 36 })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: t('report.issuedOn', { date: opts.issuedOn }), font: BODY_FONT, size: 24 })],
          }),
          new Paragraph({
            indent: { firstLine: 640 },
            spacing: { before: 240, after: 240 },
            children: [
              new TextRun({ text: summarySentence(t, s) + t('report.sentenceEnd'), font: BODY_FONT, size: 32 }),
            ],
          }),
          ...(await chartImages(d, t, s, opts.rasterise)),
        ],
      },
      {
        properties: page(PageOrientation.LANDSCAPE),
        children: [
          heading(t('report.byTownship')),
          measureTable(
            d,
            [t('report.col.township'), ...headers],
            s.by_township.map((r) => ({ name: r.township ?? t('report.noTownship'), m: r })),
            total,
          ),
          heading(t('report.byOrganisation')),
          measureTable(
            d,
            [t('report.col.organisation'), ...headers],
            s.by_organisation.map((r) => ({ name: r.organisation, m: r })),
            total,
          ),
          heading(t('report.byMonth')),
          measureTable(
            d,
            [t('report.col.month'), ...headers],
            s.by_month.map((r) => ({ name: r.month, m: r })),
            total,
          ),
          heading(t('report.bySource')),
          sourceTable(d, t, s),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
