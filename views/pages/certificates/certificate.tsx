import { raw } from 'hono/html';
import type { Ui } from '../../../src/lib/ui.js';
import type { IssuedCertificate } from '../../../src/modules/certificates/queries.js';
import { Page } from '../../layouts/page.js';

export interface CertificateProps {
  ui: Ui;
  cert: IssuedCertificate;
  body: string;
  hours: string;
  verifyUrl: string;
  /** The QR code of verifyUrl, an SVG document made on the server from our own text. */
  qrSvg: string;
}

/** 志愿服务记录证明 as issued: printable (the browser prints just the article), with serial, seal line and QR code. */
export function CertificatePage({ ui, cert, body, hours, verifyUrl, qrSvg }: CertificateProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('shifts.certificate')}>
      <article class="certificate">
        <h1>{t('shifts.certificate')}</h1>
        <p class="serial">{t('certificates.serial', { serial: cert.serial })}</p>
        <p>{body}</p>
        <table class="striped" id="certificate-rows">
          <thead>
            <tr>
              <th>{t('shifts.date')}</th>
              <th>{t('shifts.certificate.activity')}</th>
              <th>{t('shifts.hoursValue')}</th>
            </tr>
          </thead>
          <tbody>
            {cert.lines.map((l) => (
              <tr>
                <td>{l.date}</td>
                <td>{l.activity}</td>
                <td>{l.hours}</td>
              </tr>
            ))}
            <tr>
              <th colspan={2}>{t('shifts.certificate.total')}</th>
              <th>{hours}</th>
            </tr>
          </tbody>
        </table>
        <p class="issuer">
          {t('certificates.issuer', { organisation: cert.organisationName })}
          {cert.organisationContact ? (
            <>
              <br />
              {t('certificates.contact', { contact: cert.organisationContact })}
            </>
          ) : null}
          <br />
          {t('certificates.seal')}
          <br />
          {t('certificates.issuedOn', { date: cert.issuedOn })}
        </p>
        <figure class="qr">
          {raw(qrSvg)}
          <figcaption>{t('certificates.verifyAt', { url: verifyUrl })}</figcaption>
        </figure>
      </article>
      <a href={`/certificates/${cert.serial}.docx`} role="button" class="secondary">
        {t('shifts.certificate.download')}
      </a>
    </Page>
  );
}
