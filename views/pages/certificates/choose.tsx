import type { Ui } from '../../../src/lib/ui.js';
import { Page } from '../../layouts/page.js';

export interface ChooseProps {
  ui: Ui;
  organisations: { id: number; name: string; hours: string }[];
  issued: { serial: string; organisationName: string; issuedOn: string; hours: string }[];
  error?: string;
}

/** The volunteer's certificates: one to issue per organisation that recorded their service, and those issued. */
export function ChooseCertificatePage({ ui, organisations, issued, error }: ChooseProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('certificates.choose')}>
      <h1>{t('certificates.choose')}</h1>
      <p>{t('certificates.chooseIntro')}</p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {organisations.length === 0 ? (
        <p>{t('certificates.none')}</p>
      ) : (
        <table class="striped" id="certificate-organisations">
          <thead>
            <tr>
              <th>{t('certificates.organisation')}</th>
              <th>{t('certificates.hours')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr data-organisation={String(o.id)}>
                <td>{o.name}</td>
                <td>{o.hours}</td>
                <td>
                  <form method="post" action="/shifts/certificate">
                    <input type="hidden" name="organisationId" value={String(o.id)} />
                    <button type="submit">{t('certificates.issue')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {issued.length ? (
        <section>
          <h2>{t('certificates.issued')}</h2>
          <ul id="certificates-issued">
            {issued.map((c) => (
              <li>
                <a href={`/certificates/${c.serial}`}>{c.serial}</a> · {c.organisationName} · {c.issuedOn} · {c.hours}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}
