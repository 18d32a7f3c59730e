import { ORGANISATION_KINDS } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import { fieldValue } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, FormErrors, Select } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

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
  return (
    <Page ui={p.ui} title={title}>
      <h1>{title}</h1>
      <FormErrors errors={p.errors} message={t('form.invalid')} />
      <form method="post" action={p.action} class="wide">
        <div class="grid">
          <Field name="name" label={t('orgs.name')} values={p.values} errors={p.errors} required maxlength={100} />
          <Select
            name="kind"
            label={t('orgs.kind')}
            values={p.values}
            errors={p.errors}
            required
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`orgs.kind.${k}`) }))}
          />
          <Select
            name="townshipId"
            label={t('orgs.township')}
            values={p.values}
            errors={p.errors}
            placeholder={t('common.none')}
            options={p.townships.map((x) => ({ value: String(x.id), label: x.name }))}
          />
        </div>
        <div class="grid">
          <Field name="creditCode" label={t('orgs.creditCode')} values={p.values} errors={p.errors} maxlength={18} />
          <Field name="contactName" label={t('orgs.contactName')} values={p.values} errors={p.errors} maxlength={50} />
          <Field
            name="contactPhone"
            type="tel"
            label={t('orgs.contactPhone')}
            values={p.values}
            errors={p.errors}
            maxlength={20}
          />
        </div>
        <div class="grid">
          <Field
            name="incubationYear"
            inputmode="numeric"
            label={t('orgs.year')}
            values={p.values}
            errors={p.errors}
            maxlength={4}
          />
          <Field
            name="beds"
            inputmode="numeric"
            label={t('orgs.beds')}
            values={p.values}
            errors={p.errors}
            maxlength={5}
          />
          <label class="check">
            <input type="checkbox" name="regional" value="1" checked={fieldValue(p.values, 'regional') !== ''} />{' '}
            {t('orgs.regional')}
          </label>
        </div>
        <button type="submit">{t('common.save')}</button>
      </form>
    </Page>
  );
}
