import type { Ui } from '../../../src/lib/ui.js';
import { ISSUE_LIST_LIMIT, type IssueForPageModel } from '../../../src/modules/certificates/on-behalf.js';
import { Page } from '../../layouts/page.js';

/** Staff issue a volunteer's service record per organisation, for volunteers with or without a login. */
export function IssueForPage({ ui, q, rows, more, error }: IssueForPageModel & { ui: Ui; error?: string }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('certificates.for.title')}>
      <h1>{t('certificates.for.title')}</h1>
      <p>{t('certificates.for.intro')}</p>
      <form method="get" action="/certificates/issue" role="search">
        <label for="f-q">{t('certificates.for.search')}</label>
        <input id="f-q" name="q" type="search" value={q} />
        <button type="submit" class="secondary">
          {t('common.search')}
        </button>
      </form>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>{t('certificates.for.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="striped" id="issue-for">
            <thead>
              <tr>
                <th>{t('certificates.for.volunteer')}</th>
                <th>{t('certificates.organisation')}</th>
                <th class="num">{t('certificates.for.services')}</th>
                <th class="num">{t('certificates.hours')}</th>
                <th>{t('certificates.for.login')}</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-volunteer={String(r.volunteerId)} data-organisation={String(r.organisationId)}>
                  <td>{r.volunteer}</td>
                  <td>{r.organisation}</td>
                  <td class="num">{r.services}</td>
                  <td class="num">{r.hours}</td>
                  <td>{r.hasLogin ? t('certificates.for.hasLogin') : t('certificates.for.noLogin')}</td>
                  <td>
                    <form method="post" action="/certificates/issue" class="inline">
                      <input type="hidden" name="volunteerId" value={String(r.volunteerId)} />
                      <input type="hidden" name="organisationId" value={String(r.organisationId)} />
                      <button type="submit" class="small">
                        {t('certificates.issue')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more ? <p class="muted">{t('certificates.for.more', { count: ISSUE_LIST_LIMIT })}</p> : null}
    </Page>
  );
}
