import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, FormErrors, Select } from '../../components/form.js';
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
  const chosen = new Set([p.values?.villageIds ?? []].flat());
  const error = p.errors?.villageIds;
  return (
    <Page ui={p.ui} title={title}>
      <h1>{title}</h1>
      <FormErrors errors={p.errors} message={t('form.invalid')} />
      <form method="post" action={p.action} class="wide">
        <div class="grid">
          <Field name="name" label={t('care.name')} values={p.values} errors={p.errors} required maxlength={100} />
          <Select
            name="townshipId"
            label={t('care.township')}
            values={p.values}
            errors={p.errors}
            required
            options={p.townships.map((x) => ({ value: String(x.id), label: x.name }))}
          />
        </div>
        <fieldset aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'f-villageIds-error' : undefined}>
          <legend>{t('care.villages')}</legend>
          <small>{t('care.villagesHint')}</small>
          {p.townships.map((tw) => (
            <p>
              {p.townships.length > 1 ? <strong>{tw.name}：</strong> : null}
              {p.villages
                .filter((v) => v.townshipId === tw.id)
                .map((v) => (
                  <label class="inline-choice">
                    <input type="checkbox" name="villageIds" value={String(v.id)} checked={chosen.has(String(v.id))} />
                    {v.name}
                  </label>
                ))}
            </p>
          ))}
          {error ? (
            <small id="f-villageIds-error" class="error">
              {error}
            </small>
          ) : null}
        </fieldset>
        <div class="grid">
          <Field name="contactName" label={t('care.contactName')} values={p.values} errors={p.errors} maxlength={50} />
          <Field
            name="contactPhone"
            type="tel"
            label={t('care.contactPhone')}
            values={p.values}
            errors={p.errors}
            maxlength={20}
          />
        </div>
        <button type="submit">{t('care.save')}</button>
      </form>
    </Page>
  );
}
