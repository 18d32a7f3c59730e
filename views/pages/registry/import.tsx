import type { Child } from 'hono/jsx';
import type { Column } from '../../../src/lib/spreadsheet/index.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { ImportOutcome } from '../../../src/modules/registry/pipeline.js';
import { Notice } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

export interface ImportPageProps {
  ui: Ui;
  title: string;
  /** Where the file is posted; the confirmation and the discard go to `${action}/confirm` and `${action}/discard`. */
  action: string;
  columns: readonly Column[];
  /** What this kind of import shows beside the counts on its preview (the activities' lines and totals). */
  figures?: Child;
  /** After an upload: the preview (with the token to confirm it) or the row errors; after confirming: the result. */
  outcome?: ImportOutcome;
  token?: string;
  fileName?: string;
  done?: boolean;
  /** The preview was discarded (its kept file deleted). */
  discarded?: boolean;
  error?: string;
}

/** Any import's one page: upload, the preview (counts, figures, errors by row and column), confirm or discard. */
export function ImportPage(p: ImportPageProps) {
  const { t } = p.ui;
  const title = p.title;
  const o = p.outcome;
  return (
    <Page ui={p.ui} title={title}>
      <h1>{title}</h1>
      {p.error ? <Notice kind="error">{p.error}</Notice> : null}
      {p.discarded ? <Notice>{t('registry.discarded')}</Notice> : null}
      {o && !o.ok ? (
        <div role="alert" class="alert alert-error" id="import-errors">
          {o.fileError ? <p>{o.fileError}</p> : <p>{t('registry.rowErrors', { count: o.errors.length })}</p>}
          <ul>
            {o.errors.slice(0, 500).map((e) => (
              <li>{t('registry.rowError', { row: e.row, column: e.column, reason: e.reason })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {o?.ok && p.done ? (
        <Notice>{t('registry.imported', { created: o.created, updated: o.updated, unchanged: o.unchanged })}</Notice>
      ) : null}
      {o?.ok && !p.done && p.token ? (
        <article id="import-preview">
          <h2>{t('registry.previewTitle', { file: p.fileName ?? '' })}</h2>
          <ul>
            <li>{t('registry.willCreate', { count: o.created })}</li>
            <li>{t('registry.willUpdate', { count: o.updated })}</li>
            <li>{t('registry.willKeep', { count: o.unchanged })}</li>
          </ul>
          {p.figures ?? null}
          <form method="post" action={`${p.action}/confirm`}>
            <input type="hidden" name="token" value={p.token} />
            <button type="submit">{t('registry.confirm')}</button>
          </form>
          <form method="post" action={`${p.action}/discard`}>
            <input type="hidden" name="token" value={p.token} />
            <button type="submit" class="secondary outline">
              {t('registry.discard')}
            </button>
          </form>
        </article>
      ) : null}
      <p>{t('registry.importIntro')}</p>
      <details>
        <summary>{t('registry.columns')}</summary>
        <p>{p.columns.map((c) => `${c.zh}（${c.en}）${c.required ? ' *' : ''}`).join('、')}</p>
      </details>
      <form method="post" action={p.action} enctype="multipart/form-data">
        <label for="f-file">{t('registry.file')}</label>
        <input
          id="f-file"
          type="file"
          name="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
        />
        <button type="submit">{t('registry.preview')}</button>
      </form>
    </Page>
  );
}
