import type { Ui } from '../../../src/lib/ui.js';
import { Page } from '../../layouts/page.js';

export interface VerifyProps {
  ui: Ui;
  typed?: string;
  /** What a receiver may learn: nothing beyond these fields. */
  found?: {
    serial: string;
    name: string;
    organisation: string;
    hours: string;
    from: string;
    to: string;
    issuedOn: string;
  };
  message?: string;
}

/** The public check of a certificate by serial. */
export function VerifyPage({ ui, typed, found, message }: VerifyProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('certificates.verify.title')}>
      <h1>{t('certificates.verify.title')}</h1>
      {found ? (
        <section id="verified">
          <p role="status">
            <strong>{t('certificates.verify.found')}</strong>
          </p>
          <dl>
            <dt>{t('certificates.verify.serial')}</dt>
            <dd>{found.serial}</dd>
            <dt>{t('certificates.verify.volunteer')}</dt>
            <dd>{found.name}</dd>
            <dt>{t('certificates.verify.organisation')}</dt>
            <dd>{found.organisation}</dd>
            <dt>{t('certificates.verify.period')}</dt>
            <dd>
              {found.from} – {found.to}
            </dd>
            <dt>{t('certificates.verify.hours')}</dt>
            <dd>{found.hours}</dd>
            <dt>{t('certificates.verify.issuedOn')}</dt>
            <dd>{found.issuedOn}</dd>
          </dl>
        </section>
      ) : null}
      {message ? (
        <p class="error" role="alert">
          {message}
        </p>
      ) : null}
      <p>{t('certificates.verify.intro')}</p>
      <form method="get" action="/verify">
        <label for="f-serial">{t('certificates.verify.serial')}</label>
        <input id="f-serial" name="serial" value={typed ?? ''} autocomplete="off" required />
        <button type="submit">{t('certificates.verify.check')}</button>
      </form>
    </Page>
  );
}
