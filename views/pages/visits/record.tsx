import { VISIT_KINDS, VISITOR_KINDS } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, FormErrors, Select } from '../../components/form.js';
import { Page } from '../../layouts/page.js';
import { OutcomeFields } from './outcome-fields.js';

export interface RecordVisitProps {
  ui: Ui;
  recipient: { id: number; name: string; village: string | null; township: string };
  values?: FormValues;
  errors?: FieldErrors;
}

/** The station's form to record a visit, with an optional need found on it. */
export function RecordVisitPage({ ui, recipient, values, errors }: RecordVisitProps) {
  const { t } = ui;
  const title = t('visits.record.title', { name: recipient.name });
  return (
    <Page ui={ui} title={title}>
      <h1>{title}</h1>
      <p>
        {recipient.township}
        {recipient.village ? ` · ${recipient.village}` : ''}
      </p>
      <FormErrors errors={errors} message={t('form.invalid')} />
      <form method="post" action={`/visits/recipients/${recipient.id}`} class="narrow">
        <Field
          name="visitedOn"
          type="date"
          label={t('visits.record.visitedOn')}
          values={values}
          errors={errors}
          required
        />
        <Select
          name="kind"
          label={t('visits.record.kind')}
          values={values}
          errors={errors}
          required
          options={VISIT_KINDS.map((k) => ({ value: k, label: t(`visitKind.${k}`) }))}
        />
        <Select
          name="visitorKind"
          label={t('visits.record.visitorKind')}
          values={values}
          errors={errors}
          required
          options={VISITOR_KINDS.map((k) => ({ value: k, label: t(`visitorKind.${k}`) }))}
        />
        <Field
          name="visitorNames"
          label={t('visits.record.visitorNames')}
          values={values}
          errors={errors}
          maxlength={100}
        />
        <OutcomeFields ui={ui} values={values} errors={errors} />
        <button type="submit">{t('visits.record.submit')}</button>
      </form>
    </Page>
  );
}
