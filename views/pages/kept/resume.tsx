import type { Ui } from '../../../src/lib/ui.js';
import type { KeptForm } from '../../../src/modules/kept/service.js';
import { Page } from '../../layouts/page.js';

/** The kept form, filled as it was posted, to be sent again by the user who typed it. */
export function ResumePage({ ui, kept }: { ui: Ui; kept: KeptForm | null }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('kept.title')}>
      <h1>{t('kept.title')}</h1>
      {kept ? (
        <form method="post" action={kept.path} class="narrow">
          <p>{t('kept.lead')}</p>
          {kept.fields.map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit">{t('kept.send')}</button>
          <p>
            <a href="/">{t('kept.discard')}</a>
          </p>
        </form>
      ) : (
        <>
          <p>{t('kept.none')}</p>
          <p>
            <a href="/">{t('kept.home')}</a>
          </p>
        </>
      )}
    </Page>
  );
}
