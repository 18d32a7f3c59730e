import { maskMobile } from '../../../src/domain/mobile.js';
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

/**
 * A member's row: the checkbox belongs to the selection form below the table (`form=`), and the row's own button
 * creates the login, or re-issues the code of one not yet activated or already in use.
 */
function MemberRowView({ ui, unitId, m }: { ui: Ui; unitId: number; m: MemberRow }) {
  const { t } = ui;
  return (
    <tr data-member={String(m.id)}>
      <td>
        <input
          type="checkbox"
          name="ids"
          value={String(m.id)}
          form="member-logins"
          aria-label={t('care.member.select', { name: m.name })}
        />
      </td>
      <td>{m.name}</td>
      <td>{t(`care.memberRole.${m.memberRole}`)}</td>
      <td>{m.mobile ? maskMobile(m.mobile) : '—'}</td>
      <td class="login-state">{t(`care.member.loginState.${m.login}`)}</td>
      <td>
        {m.login === 'disabled' ? null : (
          <form method="post" action={`/care-units/${unitId}/members/${m.id}/login`} class="inline">
            {m.login === 'none' ? null : <input type="hidden" name="reissue" value="1" />}
            <button type="submit" class="secondary outline small">
              {m.login === 'none' ? t('care.member.createLogin') : t('care.member.reissue')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
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
              <th></th>
              <th>{t('care.member.name')}</th>
              <th>{t('care.member.role')}</th>
              <th>{t('care.member.mobile')}</th>
              <th>{t('care.member.login')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.members.map((m) => (
              <MemberRowView ui={p.ui} unitId={u.id} m={m} />
            ))}
          </tbody>
        </table>
      </div>
      {p.members.length ? (
        <form method="post" action={`/care-units/${u.id}/logins`} id="member-logins">
          <button type="submit" class="secondary">
            {t('care.logins.selected')}
          </button>
        </form>
      ) : null}
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
            <Field
              name="mobile"
              type="tel"
              label={t('care.member.mobile')}
              hint={t('care.member.mobileHint')}
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
