import { AGREEMENT_STATUSES } from '../../../src/domain/agreement.js';
import type { Ui } from '../../../src/lib/ui.js';
import { Page } from '../../layouts/page.js';
import { RecipientResults, type ResultsProps } from '../../partials/recipients/results.js';

export interface RecipientListProps extends Omit<ResultsProps, 't'> {
  ui: Ui;
  townships: { id: number; name: string }[];
  canCreate: boolean;
  canExport: boolean;
  canImport: boolean;
}

export function RecipientListPage(p: RecipientListProps) {
  const { t } = p.ui;
  const q = p.query;
  return (
    <Page ui={p.ui} title={t('recipients.title')}>
      <hgroup class="page-head">
        <h1>{t('recipients.title')}</h1>
        <div class="actions">
          {p.canCreate ? (
            <a href="/recipients/new" role="button">
              {t('recipients.new')}
            </a>
          ) : null}
          {p.canImport ? (
            <a href="/import/recipients" role="button" class="secondary">
              {t('registry.import')}
            </a>
          ) : null}
          {/* Exports are audited, so they are POST forms. */}
          {p.canExport
            ? (['csv', 'xlsx'] as const).map((f) => (
                <form method="post" action={`/export/recipients/${f}`} class="inline">
                  <button type="submit" class="secondary outline">
                    {f === 'csv' ? 'CSV' : 'Excel'}
                  </button>
                </form>
              ))
            : null}
          {p.canExport ? <small class="export-hint">{t('registry.csvHint')}</small> : null}
        </div>
      </hgroup>
      {/* A plain GET form; htmx swaps only the results as the user types. */}
      <form
        method="get"
        action="/recipients"
        class="filters"
        hx-get="/recipients"
        hx-target="#results"
        hx-swap="outerHTML"
        hx-trigger="input delay:300ms, change, submit"
      >
        <div class="grid">
          <input
            type="search"
            name="q"
            value={q.q ?? ''}
            placeholder={t('recipients.search')}
            aria-label={t('recipients.search')}
            maxlength={50}
          />
          {p.townships.length > 1 ? (
            <select name="townshipId" aria-label={t('recipients.township')}>
              <option value="">{t('recipients.allTownships')}</option>
              {p.townships.map((x) => (
                <option value={String(x.id)} selected={q.townshipId === x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          ) : null}
          <select name="careLevel" aria-label={t('recipients.careLevel')}>
            <option value="">{t('recipients.allLevels')}</option>
            {(['full', 'partial', 'self'] as const).map((l) => (
              <option value={l} selected={q.careLevel === l}>
                {t(`recipients.careLevel.${l}`)}
              </option>
            ))}
          </select>
          <select name="agreement" aria-label={t('recipients.agreement')}>
            <option value="">{t('recipients.allAgreements')}</option>
            {AGREEMENT_STATUSES.map((a) => (
              <option value={a} selected={q.agreement === a}>
                {t(`recipients.agreement.${a}`)}
              </option>
            ))}
          </select>
          <select name="status" aria-label={t('recipients.status')}>
            {(['active', 'exited'] as const).map((s) => (
              <option value={s} selected={(q.status ?? 'active') === s}>
                {t(`recipients.status.${s}`)}
              </option>
            ))}
          </select>
          <button type="submit">{t('common.search')}</button>
        </div>
      </form>
      <RecipientResults t={t} rows={p.rows} total={p.total} page={p.page} pages={p.pages} query={q} today={p.today} />
    </Page>
  );
}
