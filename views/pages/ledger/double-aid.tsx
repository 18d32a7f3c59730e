import { daysBetween } from '../../../src/domain/dates.js';
import { formatYuanGrouped } from '../../../src/domain/money.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { DoubleAidPageModel } from '../../../src/modules/ledger/double-aid.js';
import { Page } from '../../layouts/page.js';

type Props = DoubleAidPageModel & { ui: Ui };

/** Households aided by two bodies within the window, for a chosen month: both bodies, dates and amounts. */
export function DoubleAidPage({ ui, month, days, rows, error }: Props) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('doubleAid.title')}>
      <h1>{t('doubleAid.title')}</h1>
      <p class="muted">{t('doubleAid.hint', { days })}</p>
      <form method="get" action="/activities/double-aid" role="search">
        <label for="f-month">{t('doubleAid.month')}</label>
        <input id="f-month" name="month" type="month" value={month} aria-invalid={error ? 'true' : undefined} />
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="secondary">
          {t('common.search')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p class="muted">{error ? '' : t('doubleAid.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="striped" id="double-aid-table">
            <thead>
              <tr>
                <th>{t('doubleAid.household')}</th>
                <th>{t('doubleAid.township')}</th>
                <th>{t('doubleAid.earlier')}</th>
                <th>{t('doubleAid.later')}</th>
                <th class="num">{t('doubleAid.daysApart')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/activities?recipientId=${r.recipientId}`}>{r.later.recipient}</a>
                  </td>
                  <td>{r.later.township}</td>
                  <td>
                    <a href={`/activities/${r.earlier.activityId}`}>
                      {`${r.earlier.on} · ${r.earlier.organisation} · ${formatYuanGrouped(r.earlier.aidFen)}`}
                    </a>
                  </td>
                  <td>
                    <a href={`/activities/${r.later.activityId}`}>
                      {`${r.later.on} · ${r.later.organisation} · ${formatYuanGrouped(r.later.aidFen)}`}
                    </a>
                  </td>
                  <td class="num">{daysBetween(r.earlier.on, r.later.on)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
