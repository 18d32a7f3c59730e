import type { Ui } from '../../../src/lib/ui.js';
import type { NeedItem } from '../../../src/modules/visits/service.js';
import { Notice } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

export interface NeedsBoardProps {
  ui: Ui;
  open: NeedItem[];
  assigned: NeedItem[];
  resolved: NeedItem[];
  avgDaysOpen: number;
  error?: string;
}

function NeedCard({ ui, n }: { ui: Ui; n: NeedItem }) {
  const { t } = ui;
  return (
    <article class={`need need-${n.urgency}`} data-need={String(n.id)}>
      <header>
        <strong>{n.recipient}</strong> · {n.township}
        {n.village ? ` · ${n.village}` : ''}
        <br />
        <small>
          {t(`needCategory.${n.category}`)} · <span class="urgency">{t(`needUrgency.${n.urgency}`)}</span> ·{' '}
          {t('needs.openedOn')} {n.openedOn} ·{' '}
          {n.status === 'resolved' ? t('needs.resolvedIn', { days: n.days }) : t('needs.daysOpen', { days: n.days })}
        </small>
      </header>
      <p>{n.text}</p>
      {n.assignee ? (
        <p>
          {t('needs.assignee')}：{n.assignee}
        </p>
      ) : null}
      {n.resolution ? (
        <p>
          {t('needs.resolution')}：{n.resolution}
        </p>
      ) : null}
      {n.status === 'open' ? (
        <form method="post" action={`/needs/${n.id}/assign`}>
          <label for={`assignee-${n.id}`}>{t('needs.assignee')}</label>
          <input id={`assignee-${n.id}`} name="assignee" required maxlength={50} />
          <button type="submit" class="secondary">
            {t('needs.assign')}
          </button>
        </form>
      ) : null}
      {n.status !== 'resolved' ? (
        <form method="post" action={`/needs/${n.id}/resolve`}>
          <label for={`resolution-${n.id}`}>{t('needs.resolution')}</label>
          <input id={`resolution-${n.id}`} name="resolution" required maxlength={500} />
          <button type="submit">{t('needs.resolve')}</button>
        </form>
      ) : null}
    </article>
  );
}

/** The station's needs board: open → assigned → resolved, with how long each item has stayed open. */
export function NeedsBoardPage({ ui, open, assigned, resolved, avgDaysOpen, error }: NeedsBoardProps) {
  const { t } = ui;
  const column = (status: 'open' | 'assigned' | 'resolved', items: NeedItem[]) => (
    <section id={`needs-${status}`}>
      <h2>
        {t(`needStatus.${status}`)} ({items.length})
      </h2>
      {items.length ? items.map((n) => <NeedCard ui={ui} n={n} />) : <p>{t('common.empty')}</p>}
    </section>
  );
  return (
    <Page ui={ui} title={t('needs.title')}>
      <h1>{t('needs.title')}</h1>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <p>{t('needs.summary', { open: open.length, assigned: assigned.length, avg: avgDaysOpen })}</p>
      <div class="grid">
        {column('open', open)}
        {column('assigned', assigned)}
        {column('resolved', resolved)}
      </div>
    </Page>
  );
}
