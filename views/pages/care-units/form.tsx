import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { FormErrors } from '../../components/form.js';
import { type FieldSpec, FormGrid } from '../../components/form-grid.js';
import { Page } from '../../layouts/page.js';

export interface UnitFormProps {
  ui: Ui;
  action: string;
  editing: boolean;
  townships: { id: number; name: string }[];
  villages: { id: number; name: string; townshipId: number }[];
  values?: FormValues;
  errors?: FieldErrors;
}

/** A unit's name, township, villages covered (checkboxes, grouped by township) and contact. */
export function UnitFormPage(p: UnitFormProps) {
  const { t } = p.ui;
  const title = p.editing ? t('care.edit') : t('care.new');
  const rows: FieldSpec[][] = [
    [
      { name: 'name', label: t('care.name'), required: true, maxlength: 100 },
      {
        kind: 'select',
        name: 'townshipId',
        label: t('care.township'),
        required: true,
        options: p.townships.map((x) => ({ value: String(x.id), label: x.name })),
      },
    ],
    [
      {
        kind: 'choices',
        name: 'villageIds',
        legend: t('care.villages'),
        hint: t('care.villagesHint'),
        groups: p.townships.map((tw) => ({
          label: tw.name,
          options: p.villages
            .filter((v) => v.townshipId === tw.id)
            .map((v) => ({ value: String(v.id), label: v.name })),
        })),
      },
    ],
    [
      { name: 'contactName', label: t('care.contactName'), maxlength: 50 },
      { name: 'contactPhone', type: 'tel', label: t('care.contactPhone'), maxlength: 20 },
    ],
  ];
  return (
    <Page ui={p.ui} title={title}>
      <h1>{title}</h1>
      <FormErrors errors={p.errors} message={t('form.invalid')} />
      <form method="post" action={p.action} class="wide">
        <FormGrid rows={rows} values={p.values} errors={p.errors} />
        <button type="submit">{t('care.save')}</button>
      </form>
    </Page>
  );
}
