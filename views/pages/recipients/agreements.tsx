import { signingRate } from '../../../src/domain/agreement.js';
import type { FieldErrors, FormValues } from '../../../src/lib/form.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { AgreementTally } from '../../../src/modules/recipients/agreements.js';
import { Field, FormErrors } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

export interface AgreementsProps {
  ui: Ui;
  rows: AgreementTally[];
  term: number | null;
  canConfigure: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}

const STATUSES = ['ok', 'missing', 'expired', 'mismatch'] as const;

/** Each township's agreements by status; every figure opens the recipient list filtered by the same rule. */
export function AgreementsPage(p: AgreementsProps) {
  const { t } = p.ui;
  const total = {
    active: p.rows.reduce((n, r) => n + r.active, 0),
    ...Object.fromEntries(STATUSES.map((s) => [s, p.rows.reduce((n, r) => n + r[s], 0)])),
  } as Record<'active' | (typeof STATUSES)[number], number>;
  const rate = (ok: number, active: number) => {
    const r = signingRate(ok, active);
    return r === null ? '—' : `${r} %`;
  };
  const cell = (n: number, status: string, townshipId?: number) => (
    <td class={status !== 'ok' && n > 0 ? 'error num' : 'num'}>
      <a href={`/recipients?agreement=${status}${townshipId ? `&townshipId=${townshipId}` : ''}`}>{n}</a>
    </td>
  );
  return (
    <Page ui={p.ui} title={t('agreements.title')}>
      <h1>{t('agreements.title')}</h1>
      <p class="muted">{t('agreements.rule')}</p>
      <p>{p.term === null ? t('agreements.termNone') : t('agreements.termYears', { years: p.term })}</p>
      <div class="table-wrap">
        <table class="striped" id="agreement-tallies">
          <thead>
            <tr>
              <th>{t('agreements.township')}</th>
              <th>{t('agreements.active')}</th>
              {STATUSES.map((s) => (
                <th>{t(`agreements.${s}`)}</th>
              ))}
              <th>{t('agreements.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr data-township={r.township}>
                <th scope="row">{r.township}</th>
                <td class="num">{r.active}</td>
                {STATUSES.map((s) => cell(r[s], s, r.townshipId))}
                <td class="num">{rate(r.ok, r.active)}</td>
              </tr>
            ))}
          </tbody>
          {p.rows.length > 1 ? (
            <tfoot>
              <tr data-township="total">
                <th scope="row">{t('agreements.total')}</th>
                <td class="num">{total.active}</td>
                {STATUSES.map((s) => cell(total[s], s))}
                <td class="num">{rate(total.ok, total.active)}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {p.canConfigure ? (
        <form method="post" action="/recipients/agreements/term">
          <FormErrors errors={p.errors} message={t('form.invalid')} />
          <Field
            name="termYears"
            type="number"
            label={t('agreements.term')}
            values={p.values}
            errors={p.errors}
            hint={t('agreements.termHint')}
          />
          <button type="submit">{t('common.save')}</button>
        </form>
      ) : null}
    </Page>
  );
}
