import { formatHundredths, formatYuanGrouped } from '../../../src/domain/money.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { ActivityFigures } from '../../../src/modules/ledger/import-figures.js';

/** The activities import's own part of the preview: what the new activities carry, by funding source. */
export function ActivityImportFigures({ ui, figures: f }: { ui: Ui; figures: ActivityFigures }) {
  const { t } = ui;
  return (
    <section id="import-figures">
      <p>{t('import.figures', { activities: f.activities, lines: f.lines })}</p>
      {f.lines ? (
        <table>
          <caption>{t('import.bySource')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('line.source')}</th>
              <th scope="col">{t('report.m.cash_fen')}</th>
              <th scope="col">{t('report.m.goods_value_fen')}</th>
              <th scope="col">{t('report.m.service_hours')}</th>
            </tr>
          </thead>
          <tbody>
            {f.bySource.map((s) => (
              <tr>
                <th scope="row">{t(`fundingSource.${s.source}`)}</th>
                <td>{formatYuanGrouped(s.cashFen)}</td>
                <td>{formatYuanGrouped(s.goodsFen)}</td>
                <td>{formatHundredths(s.centihours)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('import.total')}</th>
              <td>{formatYuanGrouped(f.total.cashFen)}</td>
              <td>{formatYuanGrouped(f.total.goodsFen)}</td>
              <td>{formatHundredths(f.total.centihours)}</td>
            </tr>
          </tfoot>
        </table>
      ) : null}
    </section>
  );
}
