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
}

/** The volunteers' home for shifts: upcoming, their township first, filtered by date and skill. */
export function UpcomingShiftsPage({ ui, shifts, date, skill, linked }: UpcomingProps) {
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
    </Page>
  );
}
