import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { FieldSpec } from '../../components/form-grid.js';
import { RegisterFormPage } from '../../components/register-form.js';

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
  return <RegisterFormPage {...p} title={title} rows={rows} submit={t('care.save')} />;
}
