import { ADL_ITEMS } from '../../../src/domain/care-level.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import { fieldValue } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, FormErrors } from '../../components/form.js';

/** The six daily activities as checkboxes (ticked = cannot do alone), with date and assessor. */
export function AdlFields({ ui, values, errors }: { ui: Ui; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ui;
  return (
    <fieldset>
      <legend>{t('recipients.unableItems')}</legend>
      <small>{t('recipients.adl.hint')}</small>
      <div class="checks">
        {ADL_ITEMS.map((k) => (
          <label>
            <input type="checkbox" name={k} value="1" checked={fieldValue(values, k) !== ''} />{' '}
            {t(`recipients.adl.${k}`)}
          </label>
        ))}
      </div>
      <div class="grid">
        <Field
          name="assessedOn"
          type="date"
          label={t('recipients.assessedOn')}
          values={values}
          errors={errors}
          required
        />
        <Field
          name="assessor"
          label={t('recipients.assessor')}
          values={values}
          errors={errors}
          required
          maxlength={50}
        />
      </div>
    </fieldset>
  );
}

export function AssessmentForm({
  ui,
  recipientId,
  values,
  errors,
}: {
  ui: Ui;
  recipientId: number;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <details open={!!errors}>
      <summary>{ui.t('recipients.newAssessment')}</summary>
      <FormErrors errors={errors} message={ui.t('form.invalid')} />
      <form method="post" action={`/recipients/${recipientId}/assessments`}>
        <AdlFields ui={ui} values={values} errors={errors} />
        <button type="submit">{ui.t('common.save')}</button>
      </form>
    </details>
  );
}
