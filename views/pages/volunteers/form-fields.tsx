import { SKILL_CODES, SKILLS } from '../../../src/domain/skills.js';
import { AVAILABILITY } from '../../../src/domain/vocabulary.js';
import { type FieldErrors, type FormValues, fieldValue } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { VolunteerChoices } from '../../../src/modules/volunteers/queries.js';
import { Field, Select } from '../../components/form.js';

/** The fields a volunteer's record has, shared by the staff form and the public sign-up. */
export function VolunteerFields({
  ui,
  choices,
  values,
  errors,
}: {
  ui: Ui;
  choices: VolunteerChoices;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t, locale } = ui;
  const chosen = new Set([values?.skills ?? []].flat());
  return (
    <>
      <div class="grid">
        <Field
          name="name"
          label={t('vols.name')}
          values={values}
          errors={errors}
          required
          maxlength={50}
          autocomplete="name"
        />
        <Field
          name="mobile"
          type="tel"
          inputmode="tel"
          label={t('vols.mobile')}
          values={values}
          errors={errors}
          required
          maxlength={20}
          autocomplete="tel"
        />
      </div>
      <div class="grid">
        <Select
          name="townshipId"
          label={t('vols.township')}
          values={values}
          errors={errors}
          placeholder={t('users.choose')}
          options={choices.townships.map((x) => ({ value: String(x.id), label: x.name }))}
        />
        <Select
          name="organisationId"
          label={t('vols.organisations')}
          values={values}
          errors={errors}
          placeholder={t('common.none')}
          options={choices.organisations.map((x) => ({ value: String(x.id), label: x.name }))}
        />
      </div>
      <fieldset>
        <legend>{t('vols.skills')}</legend>
        <div class="checks">
          {SKILL_CODES.map((s) => (
            <label>
              <input type="checkbox" name="skills" value={s} checked={chosen.has(s)} /> {SKILLS[s][locale]}
            </label>
          ))}
        </div>
        {errors?.skills ? <small class="error">{errors.skills}</small> : null}
      </fieldset>
      <div class="grid">
        <Select
          name="availability"
          label={t('vols.availability')}
          values={values}
          errors={errors}
          required
          options={AVAILABILITY.map((a) => ({ value: a, label: t(`vols.availability.${a}`) }))}
        />
        <label class="check">
          <input type="checkbox" name="partyMember" value="1" checked={fieldValue(values, 'partyMember') !== ''} />{' '}
          {t('vols.partyMember')}
        </label>
      </div>
    </>
  );
}
