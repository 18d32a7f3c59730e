import { agreementStatus } from '../../../src/domain/agreement.js';
import type { Translate } from '../../../src/lib/i18n/index.js';
import type { RecipientRow } from '../../../src/modules/recipients/queries.js';
import type { RecipientListQuery } from '../../../src/modules/recipients/schema.js';
import { Pager } from '../../components/pager.js';

export interface ResultsProps {
  t: Translate;
  rows: RecipientRow[];
  total: number;
  page: number;
  pages: number;
  query: RecipientListQuery;
  today: string;
}

/** The table of a recipient search; the full page and an htmx search both render it. */
export function RecipientResults({ t, rows, total, page, pages, query, today }: ResultsProps) {
  return (
    <div id="results">
      <p class="muted">{t('recipients.count', { count: total })}</p>
      <div class="table-wrap">
        <table class="striped">
          <thead>
            <tr>
              <th>{t('recipients.name')}</th>
              <th>{t('recipients.idNumber')}</th>
              <th>{t('recipients.village')}</th>
              <th>{t('recipients.supportMode')}</th>
              <th>{t('recipients.careLevel')}</th>
              <th>{t('recipients.agreement')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan={6}>{t('common.empty')}</td>
              </tr>
            ) : (
              rows.map((r) => {
                const agreement = agreementStatus(r, today);
                return (
                  <tr>
                    <td>
                      <a href={`/recipients/${r.id}`}>{r.name}</a>
                    </td>
                    <td class="mono">{r.idNumberMasked}</td>
                    <td>
                      {r.township} {r.village ?? ''}
                    </td>
                    <td>{t(`recipients.supportMode.${r.supportMode}`)}</td>
                    <td>{t(`recipients.careLevel.${r.careLevel}`)}</td>
                    <td class={agreement === 'ok' ? '' : 'error'}>{t(`recipients.agreement.${agreement}`)}</td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
      <Pager t={t} base="/recipients" params={query} page={page} pages={pages} />
    </div>
  );
}
