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
      <table class="striped" id="hours-by-year">
        <thead>
          <tr>
            <th>{t('shifts.year')}</th>
            <th>{t('shifts.hoursValue')}</th>
          </tr>
        </thead>
        <tbody>
          {totals.byYear.map((r) => (
            <tr>
              <td>{r.key}</td>
              <td>{r.hours}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('shifts.hoursByMonth')}</h2>
      <table class="striped" id="hours-by-month">
        <thead>
          <tr>
            <th>{t('shifts.month')}</th>
            <th>{t('shifts.hoursValue')}</th>
          </tr>
        </thead>
        <tbody>
          {totals.byMonth.map((r) => (
            <tr>
              <td>{r.key}</td>
              <td>{r.hours}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
