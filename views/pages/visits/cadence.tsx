import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, FormErrors } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

/** The county's visit cadence, per self-care level (the seed's defaults: daily, every 2 days, weekly). */
export function CadencePage({ ui, values, errors }: { ui: Ui; values: FormValues; errors?: FieldErrors }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('cadence.title')}>
      <h1>{t('cadence.title')}</h1>
      <p>{t('cadence.explain')}</p>
      <FormErrors errors={errors} message={t('form.invalid')} />
      <form method="post" action="/visits/cadence" class="narrow">
        <Field
          name="full"
          type="number"
          inputmode="numeric"
          label={t('cadence.full')}
          values={values}
          errors={errors}
          required
        />
        <Field
          name="partial"
          type="number"
          inputmode="numeric"
          label={t('cadence.partial')}
          values={values}
          errors={errors}
          required
        />
        <Field
          name="self"
          type="number"
          inputmode="numeric"
          label={t('cadence.self')}
          values={values}
          errors={errors}
          required
        />
        <button type="submit">{t('cadence.save')}</button>
      </form>
    </Page>
  );
}
