import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Page } from '../../layouts/page.js';
import { OutcomeForm } from '../plans/today.js';

export interface StationCorrectProps {
  ui: Ui;
  visit: { id: number; recipient: string; visitedOn: string };
  values: FormValues;
  errors?: FieldErrors;
}

/** The station's same-day correction of a visit recorded in its township. */
export function StationCorrectPage({ ui, visit, values, errors }: StationCorrectProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('field.correctTitle', { name: visit.recipient, date: visit.visitedOn })}>
      <h1>{t('field.correctTitle', { name: visit.recipient, date: visit.visitedOn })}</h1>
      <OutcomeForm ui={ui} values={values} errors={errors} action={`/visits/records/${visit.id}/correct`} correct />
    </Page>
  );
}
