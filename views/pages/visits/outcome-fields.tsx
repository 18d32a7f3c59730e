import { NEED_CATEGORIES, NEED_URGENCIES, VISIT_OUTCOMES } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, Select } from '../../components/form.js';

/**
 * A visit's outcome, notes and the optional need (急难愁盼) found on it: the same fields on the station's form and on
 * the volunteer's phone, so both post what `recordFieldVisit` reads.
 */
export function OutcomeFields({ ui, values, errors }: { ui: Ui; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ui;
  return (
    <>
      <Select
        name="outcome"
        label={t('visits.record.outcome')}
        values={values}
        errors={errors}
        required
        options={VISIT_OUTCOMES.map((k) => ({ value: k, label: t(`visitOutcome.${k}`) }))}
      />
      <Field name="notes" label={t('visits.record.notes')} values={values} errors={errors} maxlength={1000} />
      <NeedFields ui={ui} values={values} errors={errors} />
    </>
  );
}

function NeedFields({ ui, values, errors }: { ui: Ui; values?: FormValues; errors?: FieldErrors }) {
  const { t } = ui;
  return (
    <fieldset>
      <legend>{t('visits.record.need')}</legend>
      <Select
        name="needCategory"
        label={t('visits.record.needCategory')}
        values={values}
        errors={errors}
        placeholder={t('common.none')}
        options={NEED_CATEGORIES.map((k) => ({ value: k, label: t(`needCategory.${k}`) }))}
      />
      <Select
        name="needUrgency"
        label={t('visits.record.needUrgency')}
        values={values}
        errors={errors}
        options={NEED_URGENCIES.map((k) => ({ value: k, label: t(`needUrgency.${k}`) }))}
      />
      <Field name="needText" label={t('visits.record.needText')} values={values} errors={errors} maxlength={500} />
    </fieldset>
  );
}
