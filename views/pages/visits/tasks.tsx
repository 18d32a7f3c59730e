import type { Ui } from '../../../src/lib/ui.js';
import type { TaskRow } from '../../../src/modules/visits/tasks.js';
import { Page } from '../../layouts/page.js';

/** Open exit and transfer tasks: households that no longer stay due, until the station acts on the register. */
export function TasksPage({ ui, tasks }: { ui: Ui; tasks: TaskRow[] }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('task.title')}>
      <h1>{t('task.title')}</h1>
      <p>{t('task.lead')}</p>
      {tasks.length === 0 ? (
        <p>{t('task.none')}</p>
      ) : (
        <div class="overflow-auto">
          <table>
            <thead>
              <tr>
                <th>{t('task.recipient')}</th>
                <th>{t('task.village')}</th>
                <th>{t('task.kind')}</th>
                <th>{t('task.openedOn')}</th>
                <th>{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((x) => (
                <tr data-task={String(x.id)}>
                  <td>{x.recipient}</td>
                  <td>{x.village ?? ''}</td>
                  <td>{t(`task.kind.${x.kind}`)}</td>
                  <td>{x.openedOn}</td>
                  <td>
                    <form method="post" action={`/visits/tasks/${x.id}/done`}>
                      <button type="submit" class="outline">
                        {t('task.done')}
                      </button>
                    </form>
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
