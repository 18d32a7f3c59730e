import { SKILL_CODES, SKILLS } from '../../../src/domain/skills.js';
import type { FieldErrors } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { RequirementsInput } from '../../../src/modules/visits/schema.js';
import { FormErrors } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

export interface RequirementsProps {
  ui: Ui;
  recipient: { id: number; name: string; township: string; village: string | null };
  values: RequirementsInput;
  volunteers: { id: number; name: string }[];
  errors?: FieldErrors;
}

/** What visiting this person takes: skills every visitor must have, two visitors, and who must not come. */
export function RequirementsPage({ ui, recipient, values, volunteers, errors }: RequirementsProps) {
  const { t, locale } = ui;
  const title = t('requirements.title', { name: recipient.name });
  return (
    <Page ui={ui} title={title}>
      <h1>{title}</h1>
      <p>
        {recipient.township}
        {recipient.village ? ` · ${recipient.village}` : ''} ·{' '}
        <a href={`/recipients/${recipient.id}`}>{t('requirements.back')}</a>
      </p>
      <FormErrors errors={errors} message={t('form.invalid')} />
      <form method="post" action={`/visits/recipients/${recipient.id}/requirements`} class="narrow">
        <fieldset>
          <legend>{t('requirements.skills')}</legend>
          {SKILL_CODES.map((code) => (
            <label>
              <input type="checkbox" name="skills" value={code} checked={values.skills.includes(code)} />{' '}
              {SKILLS[code][locale]}
            </label>
          ))}
          {errors?.skills ? <small class="error">{errors.skills}</small> : null}
        </fieldset>
        <fieldset>
          <legend>{t('requirements.visitors')}</legend>
          <label>
            <input type="radio" name="visitors" value="1" checked={values.visitors !== 2} /> {t('requirements.one')}
          </label>
          <label>
            <input type="radio" name="visitors" value="2" checked={values.visitors === 2} /> {t('requirements.two')}
          </label>
          {errors?.visitors ? <small class="error">{errors.visitors}</small> : null}
        </fieldset>
        <fieldset>
          <legend>{t('requirements.excluded')}</legend>
          {volunteers.length === 0 ? <p class="muted">{t('common.empty')}</p> : null}
          {volunteers.map((v) => (
            <label>
              <input type="checkbox" name="excluded" value={String(v.id)} checked={values.excluded.includes(v.id)} />{' '}
              {v.name}
            </label>
          ))}
          {errors?.excluded ? <small class="error">{errors.excluded}</small> : null}
        </fieldset>
        <button type="submit">{t('requirements.save')}</button>
      </form>
    </Page>
  );
}
