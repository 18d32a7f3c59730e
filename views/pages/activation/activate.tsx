import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, FormErrors, Notice } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

/** The page a volunteer opens from their slip or SMS: mobile + code + a new password. */
export function ActivatePage({
  ui,
  values,
  errors,
  error,
}: {
  ui: Ui;
  values?: FormValues;
  errors?: FieldErrors;
  error?: string | null;
}) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('activate.title')}>
      <article class="narrow">
        <h1>{t('activate.title')}</h1>
        <p>{t('activate.intro')}</p>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <FormErrors errors={errors} message={t('form.invalid')} />
        <form method="post" action="/activate">
          <Field
            name="login"
            label={t('activate.login')}
            values={values}
            errors={errors}
            required
            autocomplete="username"
            inputmode="tel"
            maxlength={64}
          />
          <Field
            name="code"
            label={t('activate.code')}
            values={values}
            errors={errors}
            required
            autocomplete="one-time-code"
            inputmode="numeric"
            maxlength={40}
            hint={t('activate.codeHint')}
          />
          <Field
            name="password"
            type="password"
            label={t('activate.password')}
            errors={errors}
            required
            autocomplete="new-password"
            maxlength={128}
            hint={t('password.tooShort')}
          />
          <Field
            name="passwordConfirm"
            type="password"
            label={t('activate.passwordConfirm')}
            errors={errors}
            required
            autocomplete="new-password"
            maxlength={128}
          />
          <button type="submit">{t('activate.submit')}</button>
        </form>
      </article>
    </Page>
  );
}
