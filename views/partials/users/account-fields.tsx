import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { FormGrid } from '../../components/form-grid.js';

/**
 * A new account's name, username and password. `own`: the person typing makes their own account (first-run setup),
 * so the browser may fill in their name and offer to remember the login; an administrator making someone else's
 * account gets no autofill of their own details.
 */
export function AccountFields(p: { ui: Ui; own: boolean; values?: FormValues; errors?: FieldErrors }) {
  const { t } = p.ui;
  const name = { name: 'displayName', label: t(p.own ? 'setup.displayName' : 'users.displayName'), maxlength: 50 };
  const login = { name: 'username', label: t(p.own ? 'login.username' : 'users.username'), maxlength: 32 };
  return (
    <FormGrid
      values={p.values}
      errors={p.errors}
      rows={[
        [{ ...name, required: true, autocomplete: p.own ? 'name' : undefined }],
        [{ ...login, required: true, autocomplete: p.own ? 'username' : 'off' }],
        [
          {
            name: 'password',
            type: 'password',
            label: t('login.password'),
            required: true,
            autocomplete: 'new-password',
            hint: t('password.tooShort'),
          },
        ],
      ]}
    />
  );
}
