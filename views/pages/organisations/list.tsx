import { ORGANISATION_KINDS } from '../../../src/domain/vocabulary.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { OrganisationRow } from '../../../src/modules/organisations/queries.js';
import { Page } from '../../layouts/page.js';

export function OrganisationListPage({
  ui,
  rows,
  q,
  kind,
  canManage,
}: {
  ui: Ui;
  rows: OrganisationRow[];
  q?: string;
  kind?: string;
  canManage: boolean;
}) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('orgs.title')}>
      <hgroup class="page-head">
        <h1>{t('orgs.title')}</h1>
        <div class="actions">
          {canManage ? (
            <a href="/organisations/new" role="button">
              {t('orgs.new')}
            </a>
          ) : null}
          {canManage ? (
            <a href="/import/organisations" role="button" class="secondary">
              {t('registry.import')}
            </a>
          ) : null}
          <a href="/organisations/intake" role="button" class="secondary outline">
            {t('orgs.intake')}
          </a>
        </div>
      </hgroup>
      <form method="get" action="/organisations" class="filters">
        <div class="grid">
          <input
            type="search"
            name="q"
            value={q ?? ''}
            placeholder={t('orgs.name')}
            aria-label={t('orgs.name')}
            maxlength={50}
          />
          <select name="kind" aria-label={t('orgs.kind')}>
            <option value="">{t('orgs.allKinds')}</option>
            {ORGANISATION_KINDS.map((k) => (
              <option value={k} selected={kind === k}>
                {t(`orgs.kind.${k}`)}
              </option>
            ))}
          </select>
          <button type="submit">{t('common.search')}</button>
        </div>
      </form>
      <div class="table-wrap">
        <table class="striped">
          <thead>
            <tr>
              <th>{t('orgs.name')}</th>
              <th>{t('orgs.kind')}</th>
              <th>{t('orgs.township')}</th>
              <th>{t('orgs.stage')}</th>
              <th>{t('orgs.volunteers')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ o, township, volunteers }) => (
              <tr>
                <td>
                  <a href={`/organisations/${o.id}`}>{o.name}</a>
                </td>
                <td>
                  {t(`orgs.kind.${o.kind}`)}
                  {o.regional ? ` · ${t('orgs.regional')}` : ''}
                </td>
                <td>{township ?? '—'}</td>
                <td>{o.incubationStage ? `${t(`orgs.stage.${o.incubationStage}`)} ${o.incubationYear ?? ''}` : '—'}</td>
                <td>{volunteers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
