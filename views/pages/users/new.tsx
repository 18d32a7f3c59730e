import { STAFF_ROLES } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { FormErrors, Select } from '../../components/form.js';
import { Page } from '../../layouts/page.js';
import { AccountFields } from '../../partials/users/account-fields.js';

export interface NewUserProps {
  ui: Ui;
  townships: { id: number; name: string }[];
  organisations: { id: number; name: string }[];
  values?: FormValues;
  errors?: FieldErrors;
}

export function NewUserPage({ ui, townships, organisations, values, errors }: NewUserProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('users.new')}>
      <h1>{t('users.new')}</h1>
      <FormErrors errors={errors} message={t('form.invalid')} />
      <form method="post" action="/admin/users" class="narrow">
        <AccountFields ui={ui} own={false} values={values} errors={errors} />
        <Select
          name="role"
          label={t('users.role')}
          values={values}
          errors={errors}
          required
          hint={t('users.personRoleHint')}
          options={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <Select
          name="townshipId"
          label={t('users.township')}
          values={values}
          errors={errors}
          placeholder={t('users.choose')}
          options={townships.map((x) => ({ value: String(x.id), label: x.name }))}
        />
        <Select
          name="organisationId"
          label={t('users.organisation')}
          values={values}
          errors={errors}
          placeholder={t('users.choose')}
          options={organisations.map((x) => ({ value: String(x.id), label: x.name }))}
        />
        <button type="submit">{t('common.create')}</button>
      </form>
    </Page>
  );
}
