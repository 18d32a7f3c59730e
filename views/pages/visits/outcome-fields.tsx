import { NEED_CATEGORIES, NEED_URGENCIES } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, Select } from '../../components/form.js';

/** The optional need (急难愁盼) found on a visit: the same three fields on the station's and the volunteer's form. */
export function NeedFields({ ui, values, errors }: { ui: Ui; values?: FormValues; errors?: FieldErrors }) {
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
