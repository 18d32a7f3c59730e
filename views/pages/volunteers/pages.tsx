import { SKILLS, type Skill } from '../../../src/domain/skills.js';
import { VOLUNTEER_STATUSES } from '../../../src/domain/vocabulary.js';
import { type FieldErrors, type FormValues, fieldValue } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { LoginState } from '../../../src/modules/volunteers/logins.js';
import type { VolunteerChoices, VolunteerRow } from '../../../src/modules/volunteers/queries.js';
import { Field, FormErrors, Notice, Select } from '../../components/form.js';
import { Page } from '../../layouts/page.js';
import { VolunteerFields } from './form-fields.js';

export function VolunteerListPage({
  ui,
  rows,
  q,
  status,
  canCreate,
  canLogin,
}: {
  ui: Ui;
  rows: VolunteerRow[];
  q?: string;
  status?: string;
  canCreate: boolean;
  /** Offers the checkboxes and the "create logins for the selection" button. */
  canLogin: boolean;
}) {
  const { t, locale } = ui;
  return (
    <Page ui={ui} title={t('vols.title')}>
      <hgroup class="page-head">
        <h1>{t('vols.title')}</h1>
        <div class="actions">
          {canCreate ? (
            <a href="/volunteers/new" role="button">
              {t('vols.new')}
            </a>
          ) : null}
        </div>
      </hgroup>
      <form method="get" action="/volunteers" class="filters">
        <div class="grid">
          <input
            type="search"
            name="q"
            value={q ?? ''}
            placeholder={t('vols.search')}
            aria-label={t('vols.search')}
            maxlength={50}
          />
          <select name="status" aria-label={t('vols.status')}>
            <option value="">{t('activities.all')}</option>
            {VOLUNTEER_STATUSES.map((s) => (
              <option value={s} selected={status === s}>
                {t(`vols.status.${s}`)}
              </option>
            ))}
          </select>
          <button type="submit">{t('common.search')}</button>
        </div>
      </form>
      <p class="muted">{t('vols.count', { count: rows.length })}</p>
      {/* The table's checkboxes belong to this form by their form attribute: the filter form above stays apart. */}
      {canLogin ? (
        <form method="post" action="/volunteers/logins" id="logins-form" class="inline">
          <button type="submit">{t('vols.logins.create')}</button>
        </form>
      ) : null}
      <div class="table-wrap">
        <table class="striped">
          <thead>
            <tr>
              {canLogin ? <th aria-label={t('vols.logins.create')} /> : null}
              <th>{t('vols.name')}</th>
              <th>{t('vols.mobile')}</th>
              <th>{t('vols.township')}</th>
              <th>{t('vols.skills')}</th>
              <th>{t('vols.status')}</th>
              <th>{t('vols.login')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ v, township }) => (
              <tr>
                {canLogin ? (
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={String(v.id)}
                      form="logins-form"
                      aria-label={t('vols.logins.select', { name: v.name })}
                    />
                  </td>
                ) : null}
                <td>
                  <a href={`/volunteers/${v.id}`}>{v.name}</a>
                </td>
                <td class="mono">{v.mobileMasked}</td>
                <td>{township ?? '—'}</td>
                <td>{v.skills.map((s) => SKILLS[s as Skill]?.[locale] ?? s).join('、')}</td>
                <td class={v.status === 'pending' ? 'error' : ''}>{t(`vols.status.${v.status}`)}</td>
                <td>{v.userId ? '✓' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}

export function VolunteerDetailPage({
  ui,
  row,
  mobile,
  revealed,
  orgs,
  login,
  canEdit,
  canLogin,
}: {
  ui: Ui;
  row: VolunteerRow;
  /** The masked number, or the full one after the audited reveal (a POST). */
  mobile: string;
  revealed: boolean;
  orgs: { id: number; name: string }[];
  login: LoginState;
  canEdit: boolean;
  canLogin: boolean;
}) {
  const { t, locale } = ui;
  const v = row.v;
  return (
    <Page ui={ui} title={v.name}>
      <hgroup class="page-head">
        <h1>{v.name}</h1>
        <div class="actions">
          {canEdit ? (
            <a href={`/volunteers/${v.id}/edit`} role="button" class="secondary">
              {t('common.edit')}
            </a>
          ) : null}
          {canEdit && v.status === 'pending' ? (
            <form method="post" action={`/volunteers/${v.id}/approve`} class="inline">
              <button type="submit">{t('vols.approve')}</button>
            </form>
          ) : null}
          {canLogin &&
          v.status === 'active' &&
          (login === 'none' || login === 'pendingActivation' || login === 'active') ? (
            <form method="post" action={`/volunteers/${v.id}/login`} class="inline">
              {login === 'none' ? null : <input type="hidden" name="reissue" value="1" />}
              <button type="submit" class={login === 'none' ? '' : 'secondary'}>
                {t(login === 'none' ? 'vols.login.create' : 'vols.login.reissue')}
              </button>
              {login === 'none' ? null : <small>{t('vols.login.reissueHint')}</small>}
            </form>
          ) : null}
        </div>
      </hgroup>
      <dl class="facts">
        <dt>{t('vols.status')}</dt>
        <dd>{t(`vols.status.${v.status}`)}</dd>
        <dt>{t('vols.mobile')}</dt>
        <dd>
          <span class="mono">{mobile}</span>
          {revealed ? (
            <small> {t('vols.mobileRevealed')}</small>
          ) : (
            <form method="post" action={`/volunteers/${v.id}/reveal`} class="inline">
              <button type="submit" class="secondary outline">
                {t('vols.revealMobile')}
              </button>
            </form>
          )}
        </dd>
        <dt>{t('vols.login')}</dt>
        <dd>{t(`vols.login.${login}`)}</dd>
        <dt>{t('vols.township')}</dt>
        <dd>{row.township ?? '—'}</dd>
        <dt>{t('vols.organisations')}</dt>
        <dd>{orgs.map((o) => o.name).join('、') || '—'}</dd>
        <dt>{t('vols.skills')}</dt>
        <dd>{v.skills.map((s) => SKILLS[s as Skill]?.[locale] ?? s).join('、') || '—'}</dd>
        <dt>{t('vols.availability')}</dt>
        <dd>{t(`vols.availability.${v.availability}`)}</dd>
        <dt>{t('vols.partyMember')}</dt>
        <dd>{v.partyMember ? t('common.yes') : t('common.no')}</dd>
      </dl>
    </Page>
  );
}

export function VolunteerFormPage({
  ui,
  action,
  editing,
  choices,
  values,
  errors,
}: {
  ui: Ui;
  action: string;
  editing: boolean;
  choices: VolunteerChoices;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = ui;
  const title = editing ? t('vols.edit') : t('vols.new');
  return (
    <Page ui={ui} title={title}>
      <h1>{title}</h1>
      <FormErrors errors={errors} message={t('form.invalid')} />
      <form method="post" action={action} class="wide">
        <VolunteerFields ui={ui} choices={choices} values={values} errors={errors} />
        <Select
          name="status"
          label={t('vols.status')}
          values={values}
          errors={errors}
          required
          options={VOLUNTEER_STATUSES.map((s) => ({ value: s, label: t(`vols.status.${s}`) }))}
        />
        <button type="submit">{t('common.save')}</button>
      </form>
    </Page>
  );
}

export function JoinPage({
  ui,
  choices,
  values,
  errors,
  done,
  privacyVersion,
}: {
  ui: Ui;
  choices: VolunteerChoices;
  values?: FormValues;
  errors?: FieldErrors;
  done?: boolean;
  /** The version of the privacy notice shown (and stored with the consent). */
  privacyVersion: string;
}) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('join.title')}>
      <h1>{t('join.title')}</h1>
      {done ? (
        <Notice>{t('join.done')}</Notice>
      ) : (
        <>
          <p>{t('join.intro')}</p>
          <FormErrors errors={errors} message={t('form.invalid')} />
          <form method="post" action="/join">
            <VolunteerFields ui={ui} choices={choices} values={values} errors={errors} />
            <Field
              name="password"
              type="password"
              label={t('join.password')}
              errors={errors}
              required
              autocomplete="new-password"
              hint={t('password.tooShort')}
            />
            <PrivacyConsent ui={ui} values={values} errors={errors} version={privacyVersion} />
            <button type="submit">{t('join.submit')}</button>
          </form>
        </>
      )}
    </Page>
  );
}

/** The privacy notice and its explicit consent box (PIPL arts. 13/14/17): never pre-ticked. */
function PrivacyConsent({
  ui,
  values,
  errors,
  version,
}: {
  ui: Ui;
  values?: FormValues;
  errors?: FieldErrors;
  version: string;
}) {
  const { t } = ui;
  const error = errors?.privacyConsent;
  return (
    <fieldset class="privacy-notice">
      <legend>{t('join.privacy.title')}</legend>
      <p id="privacy-notice">{t('join.privacy.body')}</p>
      <p>
        <small>{t('join.privacy.version', { version })}</small>
      </p>
      <label class="check">
        <input
          type="checkbox"
          name="privacyConsent"
          value="on"
          required
          checked={fieldValue(values, 'privacyConsent') !== ''}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'f-privacyConsent-error' : 'privacy-notice'}
        />{' '}
        {t('join.consent')}
      </label>
      {error ? (
        <small id="f-privacyConsent-error" class="error">
          {error}
        </small>
      ) : null}
    </fieldset>
  );
}
