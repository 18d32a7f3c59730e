import type { Translate } from '../../lib/i18n/index.js';
import { formatTenths } from '../shifts/hours.js';
import { qrPng } from './qr.js';
import type { IssuedCertificate } from './queries.js';

/** The certificate as a Word document: the same text as the page, the verification QR code and a line for the seal. */
export async function certificateDocx(t: Translate, cert: IssuedCertificate, verifyUrl: string): Promise<Uint8Array> {
  const d = await import('docx');
  const cell = (text: string, bold = false, right = false) =>
    new d.TableCell({
      children: [
        new d.Paragraph({
          alignment: right ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
          children: [new d.TextRun({ text, bold })],
        }),
      ],
    });
  const hours = formatTenths(cert.totalTenths);
  const header = new d.TableRow({
    tableHeader: true,
    children: [t('shifts.date'), t('shifts.certificate.activity'), t('shifts.hoursValue')].map((h) => cell(h, true)),
  });
  const rows = cert.lines.map(
    (l) => new d.TableRow({ children: [cell(l.date), cell(l.activity), cell(l.hours, false, true)] }),
  );
  const total = new d.TableRow({
    children: [cell(t('shifts.certificate.total'), true), cell(''), cell(hours, true, true)],
  });
  const line = (text: string, align: 'left' | 'right' = 'left') =>
    new d.Paragraph({
      alignment: align === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
      children: [new d.TextRun(text)],
    });
  const doc = new d.Document({
    sections: [
      {
        children: [
          new d.Paragraph({
            alignment: d.AlignmentType.CENTER,
            children: [new d.TextRun({ text: t('shifts.certificate'), bold: true, size: 36 })],
          }),
          line(t('certificates.serial', { serial: cert.serial }), 'right'),
          line(certificateBody(t, cert)),
          new d.Table({ width: { size: 100, type: d.WidthType.PERCENTAGE }, rows: [header, ...rows, total] }),
          line(t('certificates.issuer', { organisation: cert.organisationName }), 'right'),
          ...(cert.organisationContact
            ? [line(t('certificates.contact', { contact: cert.organisationContact }), 'right')]
            : []),
          line(t('certificates.seal'), 'right'),
          line(t('certificates.issuedOn', { date: cert.issuedOn }), 'right'),
          new d.Paragraph({
            children: [
              new d.ImageRun({ type: 'png', data: qrPng(verifyUrl), transformation: { width: 110, height: 110 } }),
            ],
          }),
          line(t('certificates.verifyAt', { url: verifyUrl })),
        ],
      },
    ],
  });
  return new Uint8Array(await d.Packer.toBuffer(doc));
}

/** The certificate's sentence, the same on the page and in the document. */
export function certificateBody(t: Translate, cert: IssuedCertificate): string {
  return t('certificates.body', {
    name: cert.volunteerName,
    organisation: cert.organisationName,
    from: cert.firstDate,
    to: cert.lastDate,
    hours: formatTenths(cert.totalTenths),
  });
}
