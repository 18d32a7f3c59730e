import type { Child } from 'hono/jsx';
import type { Ui } from '../../../src/lib/ui.js';
import { Page } from '../../layouts/page.js';

export interface DashboardProps {
  ui: Ui;
  /** Cards contributed by modules (counts, to-dos); empty on a fresh install. */
  cards: Child[];
}

export function DashboardPage({ ui, cards }: DashboardProps) {
  const { t, viewer } = ui;
  return (
    <Page ui={ui} title={t('dashboard.title')}>
      <h1>{t('dashboard.welcome', { name: viewer?.displayName ?? '' })}</h1>
      {cards.length ? <div class="grid-cards">{cards}</div> : <p class="muted">{t('dashboard.empty')}</p>}
    </Page>
  );
}
