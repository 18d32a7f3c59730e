import type { Ui } from '../../../src/lib/ui.js';
import type { UserRow } from '../../../src/modules/users/queries.js';
import { Page } from '../../layouts/page.js';

export function UsersPage({ ui, rows }: { ui: Ui; rows: UserRow[] }) {
  const { t, viewer } = ui;
  return (
    <Page ui={ui} title={t('users.title')}>
      <hgroup class="page-head">
        <h1>{t('users.title')}</h1>
        <a href="/admin/users/new" role="button">
          {t('users.new')}
        </a>
      </hgroup>
      <div class="table-wrap">
        <table class="striped">
          <thead>
            <tr>
              <th>{t('users.displayName')}</th>
              <th>{t('users.username')}</th>
              <th>{t('users.role')}</th>
              <th>{t('users.status')}</th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr>
                <td>{u.displayName}</td>
                <td>{u.username}</td>
                <td>
                  {t(`role.${u.role}`)}
                  {u.township ? ` · ${u.township}` : ''}
                  {u.organisation ? ` · ${u.organisation}` : ''}
                </td>
                <td>{u.disabledAt ? t('users.disabled') : t('users.active')}</td>
                <td>
                  {u.id === viewer?.id ? null : (
                    <form
                      method="post"
                      action={`/admin/users/${u.id}/${u.disabledAt ? 'enable' : 'disable'}`}
                      class="inline"
                    >
                      <button type="submit" class="secondary outline small">
                        {u.disabledAt ? t('users.enable') : t('users.disable')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
