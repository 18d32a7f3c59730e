import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { WorkKind } from '../../db/schema/index.js';
import type { Translate } from '../../lib/i18n/index.js';

type RecordRow = { date: string; organisation: string; title: string; workKind: WorkKind; minutes: number | null };

/** Minutes as hours with one decimal (the certificate's unit). */
const hours = (minutes: number) => Math.round(minutes / 6) / 10;

export interface ServiceTotals {
  byYear: { key: string; hours: number }[];
  byMonth: { key: string; hours: number }[];
}

export function serviceTotals(rows: RecordRow[]): ServiceTotals {
  const sum = (len: number) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.date.slice(0, len), (m.get(r.date.slice(0, len)) ?? 0) + (r.minutes ?? 0));
    return [...m].sort(([a], [b]) => b.localeCompare(a)).map(([key, min]) => ({ key, hours: hours(min) }));
  };
  return { byYear: sum(4), byMonth: sum(7) };
}

export interface Certificate {
  name: string;
  issuedOn: string;
  totalHours: number;
  rows: { date: string; organisation: string; activity: string; hours: number }[];
}

export function certificate(t: Translate, name: string, issuedOn: string, rows: RecordRow[]): Certificate {
  return {
    name,
    issuedOn,
    totalHours: hours(rows.reduce((a, r) => a + (r.minutes ?? 0), 0)),
    rows: rows.map((r) => ({
      date: r.date,
      organisation: r.organisation,
      activity: `${r.title}（${t(`shifts.workKind.${r.workKind}`)}）`,
      hours: hours(r.minutes ?? 0),
    })),
  };
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

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
    (r) => new TableRow({ children: [cell(r.date), cell(r.organisation), cell(r.activity), cell(String(r.hours))] }),
  );
  const total = new TableRow({
    children: [cell(t('shifts.certificate.total'), true), cell(''), cell(''), cell(String(cert.totalHours), true)],
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
