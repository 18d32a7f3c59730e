import type { Ui } from '../../../src/lib/ui.js';
import type { ServiceTotals } from '../../../src/modules/shifts/hours.js';
import { Page } from '../../layouts/page.js';

/** A volunteer's confirmed service time by month and by year, with the certificate links. */
export function HoursPage({ ui, totals }: { ui: Ui; totals: ServiceTotals }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('shifts.hours')}>
      <h1>{t('shifts.hours')}</h1>
      <p class="actions">
        <a href="/shifts/certificate" role="button" class="secondary">
          {t('shifts.certificate')}
        </a>
      </p>
      <h2>{t('shifts.hoursByYear')}</h2>
      <TotalsTable id="hours-by-year" heading={t('shifts.year')} ui={ui} rows={totals.byYear} />
      <h2>{t('shifts.hoursByMonth')}</h2>
      <TotalsTable id="hours-by-month" heading={t('shifts.month')} ui={ui} rows={totals.byMonth} />
    </Page>
  );
}

/** One table of hours, a row per year or month. */
function TotalsTable(p: { id: string; heading: string; ui: Ui; rows: ServiceTotals['byYear'] }) {
  return (
    <table class="striped" id={p.id}>
      <thead>
        <tr>
          <th>{p.heading}</th>
          <th>{p.ui.t('shifts.hoursValue')}</th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr>
            <td>{r.key}</td>
            <td>{r.hours}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
