import type { Ui } from '../../../src/lib/ui.js';
import type { UnitListRow } from '../../../src/modules/care-units/queries.js';
import { Page } from '../../layouts/page.js';

/** The station's 守望之家: each with its villages, members and the households it covers. */
export function UnitListPage({ ui, rows }: { ui: Ui; rows: UnitListRow[] }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('care.title')}>
      <hgroup class="page-head">
        <h1>{t('care.title')}</h1>
        <div class="actions">
          <a href="/care-units/new" role="button">
            {t('care.new')}
          </a>
          <a href="/import/visits" role="button" class="secondary">
            {t('care.importVisits')}
          </a>
        </div>
      </hgroup>
      {rows.length === 0 ? <p>{t('care.none')}</p> : null}
      <div class="table-wrap">
        <table class="striped" id="units">
          <thead>
            <tr>
              <th>{t('care.name')}</th>
              <th>{t('care.township')}</th>
              <th>{t('care.villages')}</th>
              <th>{t('care.members')}</th>
              <th>{t('care.households')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr data-unit={u.id}>
                <td>
                  <a href={`/care-units/${u.id}`}>{u.name}</a>
                </td>
                <td>{u.township ?? '—'}</td>
                <td>{u.villages ?? '—'}</td>
                <td>{u.members}</td>
                <td class="households">{u.households}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
