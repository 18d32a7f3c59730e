import type { Ui } from '../../../src/lib/ui.js';
import type { Card } from '../../../src/modules/dashboard/cards.js';
import { Page } from '../../layouts/page.js';

export interface DashboardProps {
  ui: Ui;
  /** Counts and to-dos from the modules, already scoped to the viewer. */
  cards: Card[];
  /** The county's compliance chart (data: URI), for the county administrator. */
  complianceChart?: string | null;
}

export function DashboardPage({ ui, cards, complianceChart }: DashboardProps) {
  const { t, viewer } = ui;
  return (
    <Page ui={ui} title={t('dashboard.title')}>
      <h1>{t('dashboard.welcome', { name: viewer?.displayName ?? '' })}</h1>
      {cards.some((c) => c.value > 0) ? (
        <div class="grid-cards">
          {cards.map((c) => (
            <article>
              <a href={c.href} class={c.warn ? 'stat error' : 'stat'}>
                {c.value}
              </a>
              <p>{t(c.label)}</p>
            </article>
          ))}
        </div>
      ) : (
        <p class="muted">{t('dashboard.empty')}</p>
      )}
      {complianceChart ? (
        <figure id="dashboard-compliance">
          <img src={complianceChart} alt={t('compliance.chartAlt')} class="chart" />
        </figure>
      ) : null}
      {viewer?.role === 'county_admin' || viewer?.role === 'station_staff' ? (
        <p>
          <a href="/visits/compliance">{t('compliance.title')} →</a>
        </p>
      ) : null}
      {viewer?.role === 'volunteer' ? (
        <p>
          <a href="/visits/today" role="button">
            {t('today.title')}
          </a>
        </p>
      ) : null}
    </Page>
  );
}
