import { AGREEMENT_KINDS, RECIPIENT_STATUSES, SUPPORT_MODES } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { RecipientFormOptions } from '../../../src/modules/recipients/queries.js';
import { Field, FormErrors, Select } from '../../components/form.js';
import { Page } from '../../layouts/page.js';
import { AdlFields } from './assessment-form.js';

export interface RecipientFormProps {
  ui: Ui;
  mode: 'new' | 'edit';
  action: string;
  options: RecipientFormOptions;
  values?: FormValues;
  errors?: FieldErrors;
  maskedIdNumber?: string;
  /** On edit the stored mobile is never sent in clear: a blank field keeps it. */
  maskedMobile?: string | null;
}

export function RecipientFormPage(p: RecipientFormProps) {
  const { t } = p.ui;
  const { values, errors } = p;
  const title = p.mode === 'new' ? t('recipients.new') : t('recipients.edit');
  const multiTownship = p.options.townships.length > 1;
  return (
    <Page ui={p.ui} title={title}>
      <h1>{title}</h1>
      <FormErrors errors={errors} message={t('form.invalid')} />
      <form method="post" action={p.action} class="wide">
        <div class="grid">
          <Field name="name" label={t('recipients.name')} values={values} errors={errors} required maxlength={50} />
          {p.mode === 'new' ? (
            <Field
              name="idNumber"
              label={t('recipients.idNumber')}
              values={values}
              errors={errors}
              required
              maxlength={18}
              autocomplete="off"
            />
          ) : (
            <div class="field">
              <span>{t('recipients.idNumber')}</span>
              <p class="mono">{p.maskedIdNumber}</p>
            </div>
          )}
        </div>
        <div class="grid">
          <Select
            name="townshipId"
            label={t('recipients.township')}
            values={values}
            errors={errors}
            required
            placeholder={multiTownship ? t('users.choose') : undefined}
            options={p.options.townships.map((x) => ({ value: String(x.id), label: x.name }))}
          />
          <Select
            name="villageId"
            label={t('recipients.village')}
            values={values}
            errors={errors}
            placeholder={t('users.choose')}
            options={p.options.villages.map((x) => ({
              value: String(x.id),
              label: multiTownship
                ? `${p.options.townships.find((s) => s.id === x.townshipId)?.name ?? ''} ${x.name}`
                : x.name,
            }))}
          />
        </div>
        <Field name="address" label={t('recipients.address')} values={values} errors={errors} maxlength={200} />
        <div class="grid">
          <Select
            name="supportMode"
            label={t('recipients.supportMode')}
            values={values}
            errors={errors}
            required
            options={SUPPORT_MODES.map((m) => ({ value: m, label: t(`recipients.supportMode.${m}`) }))}
          />
          <Select
            name="nursingHomeId"
            label={t('recipients.nursingHome')}
            values={values}
            errors={errors}
            placeholder={t('common.none')}
            options={p.options.nursingHomes.map((x) => ({ value: String(x.id), label: x.name }))}
          />
        </div>
        <Field name="careNotes" label={t('recipients.careNotes')} values={values} errors={errors} maxlength={500} />
        <div class="grid">
          <Field
            name="caregiverName"
            label={t('recipients.caregiverName')}
            values={values}
            errors={errors}
            maxlength={50}
          />
          <Field
            name="caregiverMobile"
            type="tel"
            inputmode="tel"
            label={t('recipients.caregiverMobile')}
            values={values}
            errors={errors}
            maxlength={20}
            hint={
              p.mode === 'edit' && p.maskedMobile ? t('recipients.mobileKept', { mobile: p.maskedMobile }) : undefined
            }
          />
        </div>
        <div class="grid">
          <Select
            name="agreementKind"
            label={t('recipients.agreementKind')}
            values={values}
            errors={errors}
            placeholder={t('recipients.agreement.missing')}
            options={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`recipients.agreement.${k}`) }))}
          />
          <Field
            name="agreementSignedOn"
            type="date"
            label={t('recipients.agreementSignedOn')}
            values={values}
            errors={errors}
          />
          <Field
            name="agreementEndsOn"
            type="date"
            label={t('recipients.agreementEndsOn')}
            values={values}
            errors={errors}
            hint={t('recipients.agreementEndsHint')}
          />
        </div>
        {p.mode === 'new' ? (
          <AdlFields ui={p.ui} values={values} errors={errors} />
        ) : (
          <div class="grid">
            <Select
              name="status"
              label={t('recipients.status')}
              values={values}
              errors={errors}
              required
              options={RECIPIENT_STATUSES.map((s) => ({ value: s, label: t(`recipients.status.${s}`) }))}
            />
            <Field
              name="exitReason"
              label={t('recipients.exitReason')}
              values={values}
              errors={errors}
              maxlength={200}
            />
            <Field name="exitedOn" type="date" label={t('recipients.exitedOn')} values={values} errors={errors} />
          </div>
        )}
        <button type="submit">{t('common.save')}</button>
      </form>
    </Page>
  );
}
