import type { FieldErrors } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, FormErrors } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

export function AccountPage({ ui, errors }: { ui: Ui; errors?: FieldErrors }) {
  const { t, viewer } = ui;
  return (
    <Page ui={ui} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      <p>
        {viewer?.displayName} · {viewer?.username} · {viewer ? t(`role.${viewer.role}`) : ''}
      </p>
      <article class="narrow">
        <h2>{t('account.changePassword')}</h2>
        <FormErrors errors={errors} message={t('form.invalid')} />
        <form method="post" action="/account/password">
          <Field
            name="currentPassword"
            type="password"
            label={t('account.currentPassword')}
            errors={errors}
            required
            autocomplete="current-password"
          />
          <Field
            name="newPassword"
            type="password"
            label={t('account.newPassword')}
            errors={errors}
            required
            autocomplete="new-password"
            hint={t('password.tooShort')}
          />
          <button type="submit">{t('common.save')}</button>
        </form>
      </article>
    </Page>
  );
}
