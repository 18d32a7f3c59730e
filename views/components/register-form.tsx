import type { FieldErrors, FormValues } from '../../src/lib/form.js';
import type { Ui } from '../../src/lib/ui.js';
import { Page } from '../layouts/page.js';
import { FormErrors } from './form.js';
import { type FieldSpec, FormGrid } from './form-grid.js';

export interface RegisterFormProps {
  ui: Ui;
  title: string;
  action: string;
  rows: FieldSpec[][];
  submit: string;
  values?: FormValues;
  errors?: FieldErrors;
}

/** A register's new/edit page (an organisation, a 守望之家): its title, the errors, one wide form of rows. */
export function RegisterFormPage(p: RegisterFormProps) {
  return (
    <Page ui={p.ui} title={p.title}>
      <h1>{p.title}</h1>
      <FormErrors errors={p.errors} message={p.ui.t('form.invalid')} />
      <form method="post" action={p.action} class="wide">
        <FormGrid rows={p.rows} values={p.values} errors={p.errors} />
        <button type="submit">{p.submit}</button>
      </form>
    </Page>
  );
}
