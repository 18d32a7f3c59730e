import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field } from '../../components/form.js';

/**
 * A new account's name, username and password. `own`: the person typing makes their own account (first-run setup),
 * so the browser may fill in their name and offer to remember the login; an administrator making someone else's
 * account gets no autofill of their own details.
 */
export function AccountFields(p: { ui: Ui; own: boolean; values?: FormValues; errors?: FieldErrors }) {
  const { t } = p.ui;
  return (
    <>
      <Field
        name="displayName"
        label={t(p.own ? 'setup.displayName' : 'users.displayName')}
        values={p.values}
        errors={p.errors}
        required
        maxlength={50}
        autocomplete={p.own ? 'name' : undefined}
      />
      <Field
        name="username"
        label={t(p.own ? 'login.username' : 'users.username')}
        values={p.values}
        errors={p.errors}
        required
        maxlength={32}
        autocomplete={p.own ? 'username' : 'off'}
      />
      <Field
        name="password"
        type="password"
        label={t('login.password')}
        errors={p.errors}
        required
        autocomplete="new-password"
        hint={t('password.tooShort')}
      />
    </>
  );
}
