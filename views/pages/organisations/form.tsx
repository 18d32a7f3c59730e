import { ORGANISATION_KINDS } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { FieldSpec } from '../../components/form-grid.js';
import { RegisterFormPage } from '../../components/register-form.js';

export function OrganisationFormPage(p: {
  ui: Ui;
  action: string;
  townships: { id: number; name: string }[];
  values?: FormValues;
  errors?: FieldErrors;
  editing: boolean;
}) {
  const { t } = p.ui;
  const title = p.editing ? t('orgs.edit') : t('orgs.new');
  const rows: FieldSpec[][] = [
    [
      { name: 'name', label: t('orgs.name'), required: true, maxlength: 100 },
      {
        kind: 'select',
        name: 'kind',
        label: t('orgs.kind'),
        required: true,
        options: ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`orgs.kind.${k}`) })),
      },
      {
        kind: 'select',
        name: 'townshipId',
        label: t('orgs.township'),
        placeholder: t('common.none'),
        options: p.townships.map((x) => ({ value: String(x.id), label: x.name })),
      },
    ],
    [
      { name: 'creditCode', label: t('orgs.creditCode'), maxlength: 18 },
      { name: 'contactName', label: t('orgs.contactName'), maxlength: 50 },
      { name: 'contactPhone', type: 'tel', label: t('orgs.contactPhone'), maxlength: 20 },
    ],
    [
      { name: 'incubationYear', inputmode: 'numeric', label: t('orgs.year'), maxlength: 4 },
      { name: 'beds', inputmode: 'numeric', label: t('orgs.beds'), maxlength: 5 },
      { kind: 'check', name: 'regional', label: t('orgs.regional') },
    ],
  ];
  return <RegisterFormPage {...p} title={title} rows={rows} submit={t('common.save')} />;
}
