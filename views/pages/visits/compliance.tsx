import type { Ui } from '../../../src/lib/ui.js';
import type { TownshipCompliance } from '../../../src/modules/visits/compliance.js';
import { Page } from '../../layouts/page.js';

export interface ComplianceProps {
  ui: Ui;
  from: string;
  to: string;
  rows: TownshipCompliance[];
  /** The chart as a data: URI image (rendered on the server). */
  chart: string | null;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** Each township's share of required visits made in the last 30 days: a chart, and the figures behind it. */
export function CompliancePage({ ui, from, to, rows, chart }: ComplianceProps) {
  const { t } = ui;
  const total = rows.reduce((a, r) => ({ required: a.required + r.required, made: a.made + r.made }), {
    required: 0,
    made: 0,
  });
  return (
    <Page ui={ui} title={t('compliance.title')}>
      <h1>{t('compliance.title')}</h1>
      <p>{t('compliance.window', { from, to })}</p>
      {chart ? <img src={chart} alt={t('compliance.chartAlt')} class="chart" /> : <p>{t('common.empty')}</p>}
      <div class="table-wrap">
        <table class="striped" id="compliance">
          <thead>
            <tr>
              <th>{t('compliance.township')}</th>
              <th>{t('compliance.recipients')}</th>
              <th>{t('compliance.required')}</th>
              <th>{t('compliance.made')}</th>
              <th>{t('compliance.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-township={String(r.townshipId)}>
                <td>{r.township}</td>
                <td>{r.recipients}</td>
                <td>{r.required}</td>
                <td>{r.made}</td>
                <td>{percent(r.rate)}</td>
              </tr>
            ))}
          </tbody>
          {rows.length > 1 ? (
            <tfoot>
              <tr>
                <th>{t('compliance.total')}</th>
                <td></td>
                <td>{total.required}</td>
                <td>{total.made}</td>
                <td>{percent(total.required ? total.made / total.required : null)}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      <p>
        <small>{t('compliance.explain')}</small>
      </p>
    </Page>
  );
}
