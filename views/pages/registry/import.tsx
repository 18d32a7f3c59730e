import type { Column } from '../../../src/lib/spreadsheet/index.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { Register } from '../../../src/modules/registry/formats.js';
import type { ImportOutcome } from '../../../src/modules/registry/service.js';
import { Notice } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

export interface ImportPageProps {
  ui: Ui;
  register: Register;
  columns: readonly Column[];
  /** After an upload: the preview (with the token to confirm it) or the row errors; after confirming: the result. */
  outcome?: ImportOutcome;
  token?: string;
  fileName?: string;
  done?: boolean;
  /** The preview was discarded (its kept file deleted). */
  discarded?: boolean;
  error?: string;
}

export function ImportPage(p: ImportPageProps) {
  const { t } = p.ui;
  const registerName = t(`registry.register.${p.register}`);
  const title = t('registry.importTitle', { register: registerName });
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
          <form method="post" action={`/import/${p.register}/confirm`}>
            <input type="hidden" name="token" value={p.token} />
            <button type="submit">{t('registry.confirm')}</button>
          </form>
          <form method="post" action={`/import/${p.register}/discard`}>
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
      <form method="post" action={`/import/${p.register}`} enctype="multipart/form-data">
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
