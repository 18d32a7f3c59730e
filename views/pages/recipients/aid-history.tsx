import { formatHundredths, formatYuanGrouped } from '../../../src/domain/money.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { AidHistory, HistoryEntry } from '../../../src/modules/recipients/aid-history.js';

type ActivityEntry = Extract<HistoryEntry, { type: 'activity' }>;

function LineItem({ ui, line }: { ui: Ui; line: ActivityEntry['lines'][number] }) {
  const { t } = ui;
  const what =
    line.kind === 'goods'
      ? `${line.goodsName ?? ''} ${line.quantity ?? ''}${line.unit ?? ''}`
      : line.kind === 'service'
        ? (line.serviceKind ?? '')
        : '';
  const figure =
    line.kind === 'service' ? `${formatHundredths(line.serviceCentihours)} h` : `${formatYuanGrouped(line.amountFen)}`;
  return (
    <li class={line.reversesLineId ? 'reversal' : ''}>
      {`${t(`line.kind.${line.kind}`)} ${what} ${figure} · ${t(`fundingSource.${line.fundingSource ?? 'unspecified'}`)}`}
      {line.reversesLineId ? ` · ${t('aidHistory.reversal', { id: line.reversesLineId })}` : ''}
      {line.reason ? ` (${line.reason})` : ''}
    </li>
  );
}

function EntryRow({ ui, entry }: { ui: Ui; entry: HistoryEntry }) {
  const { t } = ui;
  if (entry.type === 'visit') {
    const v = entry.visit;
    const who = entry.body ?? t(`visitorKind.${v.visitorKind}`);
    return (
      <tr data-type="visit">
        <td>{entry.on}</td>
        <td>{v.visitorNames ? `${who}（${v.visitorNames}）` : who}</td>
        <td>{`${t('aidHistory.visit')} · ${t(`visitKind.${v.kind}`)}`}</td>
        <td>
          {t(`visitOutcome.${v.outcome}`)}
          {v.notes ? ` · ${v.notes}` : ''}
        </td>
      </tr>
    );
  }
  return (
    <tr data-type="activity" class={entry.voided ? 'voided' : ''}>
      <td>{entry.on}</td>
      <td>{entry.body}</td>
      <td>
        <a href={`/activities/${entry.id}`}>{`${t('aidHistory.activity')} · ${t(`activity.kind.${entry.kind}`)}`}</a>
        {entry.targets > 1 ? ` · ${t('aidHistory.households', { count: entry.targets })}` : ''}
      </td>
      <td>
        {entry.voided ? <strong>{t('aidHistory.voided', { reason: entry.voided.reason })}</strong> : null}
        <ul class="plain">
          {entry.lines.map((l) => (
            <LineItem ui={ui} line={l} />
          ))}
        </ul>
      </td>
    </tr>
  );
}

/** The household's history across all bodies, newest first, with the year's net figures above it. */
export function AidHistorySection({
  ui,
  history,
  page,
  link,
}: {
  ui: Ui;
  history: AidHistory;
  page: number;
  link: (page: number) => string;
}) {
  const { t } = ui;
  const y = history.totals;
  return (
    <section id="aid-history">
      <h2>{t('aidHistory.title')}</h2>
      <p class="muted">{t('aidHistory.hint')}</p>
      <dl class="facts" id="aid-year">
        <dt>{t('aidHistory.year', { year: y.year })}</dt>
        <dd />
        <dt>{t('aidHistory.visits')}</dt>
        <dd data-figure="visits">{y.visits}</dd>
        <dt>{t('aidHistory.activities')}</dt>
        <dd data-figure="activities">{y.activities}</dd>
        <dt>{t('aidHistory.cash')}</dt>
        <dd data-figure="cash">{formatYuanGrouped(y.cashFen)}</dd>
        <dt>{t('aidHistory.goods')}</dt>
        <dd data-figure="goods">{formatYuanGrouped(y.goodsFen)}</dd>
        <dt>{t('aidHistory.hours')}</dt>
        <dd data-figure="hours">{formatHundredths(y.serviceCentihours)}</dd>
      </dl>
      <p class="muted">
        <small>{t('aidHistory.sharedNote')}</small>
      </p>
      {history.entries.length === 0 ? (
        <p class="muted">{t('aidHistory.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="striped" id="aid-history-table">
            <thead>
              <tr>
                <th>{t('aidHistory.date')}</th>
                <th>{t('aidHistory.body')}</th>
                <th>{t('aidHistory.kind')}</th>
                <th>{t('aidHistory.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {history.entries.map((e) => (
                <EntryRow ui={ui} entry={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager">
        {page > 1 ? <a href={link(page - 1)}>{t('aidHistory.newer')}</a> : null}
        {history.more ? (
          <a href={link(page + 1)} rel="next">
            {t('aidHistory.older')}
          </a>
        ) : null}
      </nav>
    </section>
  );
}
