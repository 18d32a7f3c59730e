import type { ComplianceTotals } from '../../../src/domain/compliance.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { CompliancePageModel, HouseholdRow } from '../../../src/modules/visits/compliance.js';
import { Page } from '../../layouts/page.js';

export interface ComplianceProps {
  ui: Ui;
  model: CompliancePageModel;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

function Figures({ f }: { f: ComplianceTotals }) {
  return (
    <>
      <td>{f.households}</td>
      <td>{f.required}</td>
      <td>{f.made}</td>
      <td>{percent(f.rate)}</td>
      <td>{f.compliantHouseholds}</td>
      <td>{percent(f.householdRate)}</td>
    </>
  );
}

function MonthForm({ ui, model }: ComplianceProps) {
  const { t } = ui;
  return (
    <form method="get" action="/visits/compliance" class="inline">
      <label for="f-month">{t('compliance.month')}</label>
      <input
        id="f-month"
        name="month"
        type="month"
        value={model.month}
        aria-invalid={model.error ? 'true' : undefined}
        aria-describedby={model.error ? 'f-month-error' : undefined}
      />
      {model.townshipId !== null ? <input type="hidden" name="township" value={String(model.townshipId)} /> : null}
      <button type="submit" class="secondary">
        {t('compliance.show')}
      </button>
      {model.error ? (
        <small id="f-month-error" class="error">
          {t(model.error.key, { month: model.error.asked })}
        </small>
      ) : null}
    </form>
  );
}

function Households({ ui, title, rows }: { ui: Ui; title: string; rows: HouseholdRow[] }) {
  const { t } = ui;
  return (
    <section>
      <h2>{title}</h2>
      <div class="table-wrap">
        <table class="striped" id="compliance-households">
          <thead>
            <tr>
              <th>{t('compliance.name')}</th>
              <th>{t('compliance.village')}</th>
              <th>{t('compliance.careLevel')}</th>
              <th>{t('compliance.required')}</th>
              <th>{t('compliance.visitDays')}</th>
              <th>{t('compliance.longestGap')}</th>
              <th>{t('compliance.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((h) => (
              <tr data-recipient={String(h.recipientId)}>
                <td>
                  <a href={`/recipients/${h.recipientId}`}>{h.name}</a>
                </td>
                <td>{h.village ?? '—'}</td>
                <td>{t(`recipients.careLevel.${h.careLevel}`)}</td>
                <td>{h.required}</td>
                <td>{h.visitDays}</td>
                <td>{h.longestGap}</td>
                <td>{h.compliant === null ? '—' : h.compliant ? t('compliance.yes') : t('compliance.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The month's compliance: the township table and chart, and each household of one township. */
export function CompliancePage({ ui, model }: ComplianceProps) {
  const { t } = ui;
  const w = model.window;
  return (
    <Page ui={ui} title={t('compliance.title')}>
      <h1>{t('compliance.title')}</h1>
      <MonthForm ui={ui} model={model} />
      <p id="compliance-window">
        {w
          ? t(model.running ? 'compliance.windowRunning' : 'compliance.window', { from: w.from, to: w.to })
          : t('compliance.noDays', { month: model.month })}
      </p>
      {model.chart ? <img src={model.chart} alt={t('compliance.chartAlt')} class="chart" /> : null}
      <div class="table-wrap">
        <table class="striped" id="compliance">
          <thead>
            <tr>
              <th>{t('compliance.township')}</th>
              <th>{t('compliance.recipients')}</th>
              <th>{t('compliance.required')}</th>
              <th>{t('compliance.made')}</th>
              <th>{t('compliance.rate')}</th>
              <th>{t('compliance.compliant')}</th>
              <th>{t('compliance.householdRate')}</th>
            </tr>
          </thead>
          <tbody>
            {model.townships.map((r) => (
              <tr data-township={String(r.key)}>
                <td>
                  <a href={`/visits/compliance?month=${model.month}&township=${r.key}`}>{r.label}</a>
                </td>
                <Figures f={r} />
              </tr>
            ))}
          </tbody>
          {model.townships.length > 1 ? (
            <tfoot>
              <tr>
                <th>{t('compliance.total')}</th>
                <Figures f={model.total} />
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {model.units.length ? (
        <section>
          <h2>{t('compliance.units', { township: model.households?.township ?? '' })}</h2>
          <div class="table-wrap">
            <table class="striped" id="compliance-units">
              <thead>
                <tr>
                  <th>{t('compliance.unit')}</th>
                  <th>{t('compliance.recipients')}</th>
                  <th>{t('compliance.required')}</th>
                  <th>{t('compliance.made')}</th>
                  <th>{t('compliance.rate')}</th>
                  <th>{t('compliance.compliant')}</th>
                  <th>{t('compliance.householdRate')}</th>
                </tr>
              </thead>
              <tbody>
                {model.units.map((u) => (
                  <tr data-unit={String(u.key)}>
                    <td>{u.key === 0 ? t('compliance.noUnit') : u.label}</td>
                    <Figures f={u} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {model.households ? (
        <Households
          ui={ui}
          title={t('compliance.households', { township: model.households.township })}
          rows={model.households.rows}
        />
      ) : null}
      <p>
        <small>{t('compliance.explain')}</small>
      </p>
    </Page>
  );
}
