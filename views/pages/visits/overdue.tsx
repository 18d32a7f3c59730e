import type { Ui } from '../../../src/lib/ui.js';
import type { OverdueList } from '../../../src/modules/visits/service.js';
import { Page } from '../../layouts/page.js';

export interface OverduePageProps {
  ui: Ui;
  list: OverdueList;
  /** Shown to the county admin only: a station sees its own township. */
  townships: { id: number; name: string }[] | null;
  township?: number;
  limit: number;
}

/** The station's list of home-supported recipients, most overdue first, with counts per care level. */
export function OverduePage({ ui, list, townships, township, limit }: OverduePageProps) {
  const { t } = ui;
  const shown = list.rows.slice(0, limit);
  return (
    <Page ui={ui} title={t('visits.overdue.title')}>
      <h1>{t('visits.overdue.title')}</h1>
      {townships ? (
        <form method="get" action="/visits/overdue" class="inline">
          <label for="f-township">{t('visits.overdue.township')}</label>
          <select id="f-township" name="township">
            <option value="">{t('visits.overdue.allTownships')}</option>
            {townships.map((x) => (
              <option value={String(x.id)} selected={x.id === township}>
                {x.name}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {t('visits.overdue.filter')}
          </button>
        </form>
      ) : null}
      <ul class="counts">
        {list.counts.map((c) => (
          <li data-level={c.level}>
            {t('visits.overdue.counts', {
              level: t(`visits.careLevel.${c.level}`),
              total: c.total,
              overdue: c.overdue,
            })}
          </li>
        ))}
      </ul>
      {list.rows.length > shown.length ? (
        <p>{t('visits.overdue.shown', { shown: shown.length, total: list.rows.length })}</p>
      ) : null}
      {shown.length === 0 ? (
        <p>{t('common.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="striped">
            <thead>
              <tr>
                <th>{t('visits.overdue.name')}</th>
                <th>{t('visits.overdue.village')}</th>
                <th>{t('visits.overdue.careLevel')}</th>
                <th>{t('visits.overdue.lastVisit')}</th>
                <th>{t('visits.overdue.nextDue')}</th>
                <th>{t('visits.overdue.daysOverdue')}</th>
                <th>{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr data-recipient={String(r.id)} class={r.daysOverdue > 0 ? 'overdue' : undefined}>
                  <td>{r.name}</td>
                  <td>
                    {townships ? `${r.township} · ` : ''}
                    {r.village ?? ''}
                  </td>
                  <td>{t(`visits.careLevel.${r.careLevel}`)}</td>
                  <td>{r.lastVisit ?? t('visits.overdue.never')}</td>
                  <td>{r.nextDue}</td>
                  <td>{r.task ? <a href="/visits/tasks">{t(`task.kind.${r.task}`)}</a> : r.daysOverdue}</td>
                  <td>
                    <a href={`/visits/recipients/${r.id}/new`}>{t('visits.overdue.record')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
