import type { Ui } from '../../../src/lib/ui.js';
import { Notice } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

/** Upload an activities spreadsheet; afterwards, the outcome or every row's error. */
export function ImportActivitiesPage({ ui, done, errors }: { ui: Ui; done?: string; errors?: string[] }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('import.title')}>
      <h1>{t('import.title')}</h1>
      {done ? <Notice>{done}</Notice> : null}
      {errors?.length ? (
        <div role="alert" class="alert alert-error">
          <p>{t('import.failed')}</p>
          <ul>
            {errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/activities/import" enctype="multipart/form-data" class="narrow">
        <label for="f-file">{t('import.file')}</label>
        <input id="f-file" name="file" type="file" accept=".csv,.xlsx" required />
        <button type="submit">{t('import.submit')}</button>
      </form>
    </Page>
  );
}
