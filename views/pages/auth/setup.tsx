import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, FormErrors, Notice } from '../../components/form.js';
import { Page } from '../../layouts/page.js';
import { AccountFields } from '../../partials/users/account-fields.js';

export function SetupPage({
  ui,
  values,
  errors,
  configured = true,
}: {
  ui: Ui;
  values?: FormValues;
  errors?: FieldErrors;
  /** False when the deployment has no setup token: say how to configure one instead of showing the form. */
  configured?: boolean;
}) {
  const { t } = ui;
  if (!configured)
    return (
      <Page ui={ui} title={t('setup.title')}>
        <article class="narrow">
          <h1>{t('setup.title')}</h1>
          <Notice kind="error">{t('setup.unconfigured')}</Notice>
        </article>
      </Page>
    );
  return (
    <Page ui={ui} title={t('setup.title')}>
      <article class="narrow">
        <h1>{t('setup.title')}</h1>
        <p>{t('setup.intro')}</p>
        <FormErrors errors={errors} message={t('form.invalid')} />
        <form method="post" action="/setup">
          <Field
            name="setupToken"
            label={t('setup.token')}
            values={values}
            errors={errors}
            required
            autocomplete="off"
            hint={t('setup.tokenHint')}
          />
          <AccountFields ui={ui} own values={values} errors={errors} />
          <Field
            name="passwordConfirm"
            type="password"
            label={t('setup.passwordConfirm')}
            errors={errors}
            required
            autocomplete="new-password"
          />
          <button type="submit">{t('setup.submit')}</button>
        </form>
      </article>
    </Page>
  );
}
