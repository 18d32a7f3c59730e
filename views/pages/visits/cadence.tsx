import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, FormErrors } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

/** One field per self-care level, the most dependent first (the seed's order; CARE_LEVELS runs the other way). */
const LEVELS = ['full', 'partial', 'self'] as const;

/** The county's visit cadence, per self-care level (the seed's defaults: daily, every 2 days, weekly). */
export function CadencePage({ ui, values, errors }: { ui: Ui; values: FormValues; errors?: FieldErrors }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('cadence.title')}>
      <h1>{t('cadence.title')}</h1>
      <p>{t('cadence.explain')}</p>
      <FormErrors errors={errors} message={t('form.invalid')} />
      <form method="post" action="/visits/cadence" class="narrow">
        {LEVELS.map((level) => (
          <Field
            name={level}
            type="number"
            inputmode="numeric"
            label={t(`cadence.${level}`)}
            values={values}
            errors={errors}
            required
          />
        ))}
        <button type="submit">{t('cadence.save')}</button>
      </form>
    </Page>
  );
}
