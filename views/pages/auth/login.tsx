import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Field, Notice } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

export interface LoginProps {
  ui: Ui;
  values?: FormValues;
  error?: string | null;
  errors?: FieldErrors;
  next?: string;
}

export function LoginPage({ ui, values, error, errors, next }: LoginProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('login.title')}>
      <article class="narrow">
        <h1>{t('login.title')}</h1>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <form method="post" action="/login">
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <Field
            name="username"
            label={t('login.username')}
            values={values}
            errors={errors}
            required
            autocomplete="username"
            maxlength={64}
          />
          <Field
            name="password"
            type="password"
            label={t('login.password')}
            errors={errors}
            required
            autocomplete="current-password"
            maxlength={128}
          />
          <button type="submit">{t('login.submit')}</button>
        </form>
        <p>
          <a href="/activate">{t('activate.link')}</a>
        </p>
        <p>
          <a href="/join">{t('join.title')}</a>
        </p>
      </article>
    </Page>
  );
}
