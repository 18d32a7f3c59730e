import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { WorkKind } from '../../db/schema/index.js';
import type { Translate } from '../../lib/i18n/index.js';

type RecordRow = { date: string; organisation: string; title: string; workKind: WorkKind; minutes: number | null };

/**
 * One rounding rule and one format for every hour figure of the certificate and the hours page: each
 * shift's minutes become tenths of an hour, half up, in integers; a total is the sum of the tenths it lists, so the
 * table adds up as printed; every figure shows one decimal ("3.0", never "3" beside "3.3").
 */
export const tenthsOfHour = (minutes: number) => Math.floor((Math.max(0, minutes) * 10 + 30) / 60);
export const formatTenths = (tenths: number) => `${Math.trunc(tenths / 10)}.${tenths % 10}`;

export interface ServiceTotals {
  byYear: { key: string; hours: string }[];
  byMonth: { key: string; hours: string }[];
}

export function serviceTotals(rows: RecordRow[]): ServiceTotals {
  const sum = (len: number) => {
    const m = new Map<string, number>();
    for (const r of rows)
      m.set(r.date.slice(0, len), (m.get(r.date.slice(0, len)) ?? 0) + tenthsOfHour(r.minutes ?? 0));
    return [...m].sort(([a], [b]) => b.localeCompare(a)).map(([key, t]) => ({ key, hours: formatTenths(t) }));
  };
  return { byYear: sum(4), byMonth: sum(7) };
}

export interface Certificate {
  name: string;
  issuedOn: string;
  totalHours: string;
  rows: { date: string; organisation: string; activity: string; hours: string }[];
}

export function certificate(t: Translate, name: string, issuedOn: string, rows: RecordRow[]): Certificate {
  const tenths = rows.map((r) => tenthsOfHour(r.minutes ?? 0));
  return {
    name,
    issuedOn,
    totalHours: formatTenths(tenths.reduce((a, b) => a + b, 0)),
    rows: rows.map((r, i) => ({
      date: r.date,
      organisation: r.organisation,
      activity: `${r.title}（${t(`shifts.workKind.${r.workKind}`)}）`,
      hours: formatTenths(tenths[i]),
    })),
  };
}

const cell = (text: string, bold = false, right = false) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold })],
      }),
    ],
  });

/** The same certificate as a Word document. */
export async function certificateDocx(t: Translate, cert: Certificate): Promise<Uint8Array> {
  const header = new TableRow({
    tableHeader: true,
    children: [
      t('shifts.date'),
      t('shifts.organisation'),
      t('shifts.certificate.activity'),
      t('shifts.hoursValue'),
    ].map((h) => cell(h, true)),
  });
  const rows = cert.rows.map(
    (r) =>
      new TableRow({ children: [cell(r.date), cell(r.organisation), cell(r.activity), cell(r.hours, false, true)] }),
  );
  const total = new TableRow({
    children: [cell(t('shifts.certificate.total'), true), cell(''), cell(''), cell(cert.totalHours, true, true)],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: t('shifts.certificate'), bold: true, size: 36 })],
          }),
          new Paragraph({
            children: [new TextRun(t('shifts.certificate.body', { name: cert.name, hours: cert.totalHours }))],
          }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows, total] }),
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun(`${t('shifts.certificate.issuer')} · ${cert.issuedOn}`)],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
