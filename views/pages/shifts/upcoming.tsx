import type { Ui } from '../../../src/lib/ui.js';
import type { ShiftRow } from '../../../src/modules/shifts/queries.js';
import { Page } from '../../layouts/page.js';
import { ShiftCards } from '../../partials/shifts/card.js';

export interface UpcomingProps {
  ui: Ui;
  shifts: ShiftRow[];
  date: string;
  skill: string;
  linked: boolean;
  /** Which page of the list this is (from 1), and whether another follows. */
  page: number;
  more: boolean;
}

/** The volunteers' home for shifts: upcoming, their township first, filtered by date and skill. */
export function UpcomingShiftsPage({ ui, shifts, date, skill, linked, page, more }: UpcomingProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('shifts.upcoming')}>
      <h1>{t('shifts.upcoming')}</h1>
      <p class="actions">
        <a href="/shifts/mine" role="button" class="secondary">
          {t('shifts.mine')}
        </a>
      </p>
      {linked ? null : <p class="error">{t('shifts.noVolunteer')}</p>}
      <form method="get" action="/shifts" class="filters">
        <div class="grid">
          <label>
            {t('shifts.date')}
            <input type="date" name="date" value={date} />
          </label>
          <label>
            {t('shifts.skill')}
            <input type="text" name="skill" value={skill} placeholder={t('shifts.anySkill')} />
          </label>
        </div>
        <button type="submit" class="secondary">
          {t('shifts.filter')}
        </button>
      </form>
      <section id="shifts">
        {shifts.length ? <ShiftCards ui={ui} shifts={shifts} /> : <p>{t('shifts.none')}</p>}
      </section>
      <ListPages ui={ui} date={date} skill={skill} page={page} more={more} />
    </Page>
  );
}

/** Links to the pages before and after this one, keeping the filters (plain links: no script needed). */
function ListPages({ ui, date, skill, page, more }: Pick<UpcomingProps, 'ui' | 'date' | 'skill' | 'page' | 'more'>) {
  const { t } = ui;
  if (page === 1 && !more) return null;
  const to = (n: number) => {
    const query = new URLSearchParams({ ...(date ? { date } : {}), ...(skill ? { skill } : {}), page: String(n) });
    return `/shifts?${query}`;
  };
  return (
    <nav aria-label={t('shifts.pageOf', { page })} class="list-pages">
      {page > 1 ? (
        <a href={to(page - 1)} role="button" class="secondary" rel="prev">
          ← {t('shifts.earlierPage')}
        </a>
      ) : null}
      {more ? (
        <a href={to(page + 1)} role="button" rel="next">
          {t('shifts.morePages')} →
        </a>
      ) : null}
    </nav>
  );
}
