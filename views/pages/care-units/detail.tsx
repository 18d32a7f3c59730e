import { CARE_MEMBER_ROLES } from '../../../src/domain/vocabulary.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { MemberRow, UnitHouseholdRow, UnitRow } from '../../../src/modules/care-units/queries.js';
import { Field, FormErrors, Select } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

export interface UnitDetailProps {
  ui: Ui;
  unit: UnitRow;
  villages: string[];
  members: MemberRow[];
  households: UnitHouseholdRow[];
  values?: FormValues;
  errors?: FieldErrors;
}

function status(t: Ui['t'], unitId: number, h: UnitHouseholdRow): string {
  if (h.assignedTo === unitId) return t('care.household.assignedHere');
  if (h.assignedTo !== null) return t('care.household.assignedOther', { name: h.assignedName ?? '' });
  return h.covered ? t('care.household.covered') : t('care.household.sharedOther');
}

/** A unit: its villages, members (with the form to add one) and the households it covers. */
export function UnitDetailPage(p: UnitDetailProps) {
  const { t } = p.ui;
  const u = p.unit;
  return (
    <Page ui={p.ui} title={u.name}>
      <hgroup class="page-head">
        <h1>{u.name}</h1>
        <div class="actions">
          <a href={`/care-units/${u.id}/edit`} role="button" class="secondary">
            {t('care.edit')}
          </a>
        </div>
      </hgroup>
      <p>
        {u.township} · {t('care.villages')}：{p.villages.join('、') || '—'} · {t('care.contactName')}：
        {u.contactName ?? '—'} {u.contactPhone ?? ''}
      </p>
      <h2>{t('care.members')}</h2>
      <div class="table-wrap">
        <table class="striped" id="members">
          <thead>
            <tr>
              <th>{t('care.member.name')}</th>
              <th>{t('care.member.role')}</th>
              <th>{t('care.member.mobile')}</th>
              <th>{t('care.member.login')}</th>
            </tr>
          </thead>
          <tbody>
            {p.members.map((m) => (
              <tr>
                <td>{m.name}</td>
                <td>{t(`care.memberRole.${m.memberRole}`)}</td>
                <td>{m.mobile ?? '—'}</td>
                <td>{m.username ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details open={!!p.errors}>
        <summary>{t('care.member.add')}</summary>
        <FormErrors errors={p.errors} message={t('form.invalid')} />
        <form method="post" action={`/care-units/${u.id}/members`} class="wide">
          <div class="grid">
            <Field name="name" label={t('care.member.name')} values={p.values} errors={p.errors} required />
            <Select
              name="memberRole"
              label={t('care.member.role')}
              values={p.values}
              errors={p.errors}
              required
              options={CARE_MEMBER_ROLES.map((r) => ({ value: r, label: t(`care.memberRole.${r}`) }))}
            />
            <Field name="mobile" type="tel" label={t('care.member.mobile')} values={p.values} errors={p.errors} />
          </div>
          <div class="grid">
            <Field name="username" label={t('care.member.username')} values={p.values} errors={p.errors} />
            <Field
              name="password"
              type="password"
              autocomplete="new-password"
              label={t('care.member.password')}
              values={p.values}
              errors={p.errors}
            />
          </div>
          <button type="submit">{t('care.member.add')}</button>
        </form>
      </details>
      <h2>{t('care.householdsTitle')}</h2>
      <p id="households-count">{t('care.householdsCount', { count: u.households })}</p>
      <div class="table-wrap">
        <table class="striped" id="households">
          <thead>
            <tr>
              <th>{t('care.household.name')}</th>
              <th>{t('care.household.idNumber')}</th>
              <th>{t('care.household.village')}</th>
              <th>{t('care.household.careLevel')}</th>
              <th>{t('care.household.status')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.households.map((h) => (
              <tr data-covered={h.covered ? '1' : '0'}>
                <td>{h.name}</td>
                <td>{h.idNumberMasked}</td>
                <td>{h.village ?? '—'}</td>
                <td>{t(`recipients.careLevel.${h.careLevel}`)}</td>
                <td>{status(t, u.id, h)}</td>
                <td>
                  {h.shared || h.assignedTo !== null ? (
                    <form method="post" action={`/care-units/${u.id}/households/${h.id}`} class="inline">
                      <input type="hidden" name="assign" value={h.assignedTo === u.id ? '0' : '1'} />
                      <button type="submit" class="secondary outline small">
                        {h.assignedTo === u.id ? t('care.release') : t('care.assign')}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
