import type { Ui } from '../../../src/lib/ui.js';
import type { Certificate } from '../../../src/modules/shifts/hours.js';
import { Page } from '../../layouts/page.js';

/** 志愿服务记录证明: a printable page (the browser's print prints just the article). */
export function CertificatePage({ ui, cert }: { ui: Ui; cert: Certificate }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('shifts.certificate')}>
      <article class="certificate">
        <h1>{t('shifts.certificate')}</h1>
        <p>{t('shifts.certificate.body', { name: cert.name, hours: cert.totalHours })}</p>
        <table class="striped" id="certificate-rows">
          <thead>
            <tr>
              <th>{t('shifts.date')}</th>
              <th>{t('shifts.organisation')}</th>
              <th>{t('shifts.certificate.activity')}</th>
              <th>{t('shifts.hoursValue')}</th>
            </tr>
          </thead>
          <tbody>
            {cert.rows.map((r) => (
              <tr>
                <td>{r.date}</td>
                <td>{r.organisation}</td>
                <td>{r.activity}</td>
                <td>{r.hours}</td>
              </tr>
            ))}
            <tr>
              <th colspan={3}>{t('shifts.certificate.total')}</th>
              <th>{cert.totalHours}</th>
            </tr>
          </tbody>
        </table>
        <p>
          {t('shifts.certificate.issuer')} · {cert.issuedOn}
        </p>
      </article>
      <a href="/shifts/certificate.docx" role="button" class="secondary">
        {t('shifts.certificate.download')}
      </a>
    </Page>
  );
}
