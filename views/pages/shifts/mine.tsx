import type { Ui } from '../../../src/lib/ui.js';
import type { MyShiftRow } from '../../../src/modules/shifts/queries.js';
import { Page } from '../../layouts/page.js';
import { ShiftCard } from '../../partials/shifts/card.js';

export interface MyShiftsProps {
  ui: Ui;
  upcoming: MyShiftRow[];
  past: MyShiftRow[];
  feedUrl?: string;
  smsOptedOut: boolean;
}

/** A volunteer's own shifts: upcoming ones with cancel, past ones with their confirmed time; the calendar feed. */
export function MyShiftsPage({ ui, upcoming, past, feedUrl, smsOptedOut }: MyShiftsProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('shifts.mine')}>
      <h1>{t('shifts.mine')}</h1>
      <p class="actions">
        <a href="/shifts" role="button" class="secondary">
          {t('shifts.upcoming')}
        </a>
        <a href="/shifts/hours" role="button" class="secondary">
          {t('shifts.hours')}
        </a>
      </p>
      <section id="my-shifts">
        {upcoming.length ? upcoming.map((shift) => <ShiftCard t={t} shift={shift} />) : <p>{t('shifts.none')}</p>}
      </section>
      {past.length ? (
        <div class="table-wrap">
          <table class="striped" id="past-shifts">
            <thead>
              <tr>
                <th>{t('shifts.date')}</th>
                <th>{t('shifts.shiftTitle')}</th>
                <th>{t('shifts.organisation')}</th>
                <th>{t('shifts.minutes')}</th>
              </tr>
            </thead>
            <tbody>
              {past.map((r) => (
                <tr>
                  <td>{r.date}</td>
                  <td>{r.title}</td>
                  <td>{r.organisation}</td>
                  <td>{r.minutes ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <section>
        <h2>{t('shifts.notifications')}</h2>
        <form method="post" action="/shifts/notifications">
          <label>
            <input type="checkbox" name="sms" value="1" checked={!smsOptedOut} />
            {t('shifts.notifications.sms')}
          </label>
          <button type="submit" class="secondary outline">
            {t('shifts.notifications.save')}
          </button>
        </form>
      </section>
      <section>
        <h2>{t('shifts.calendar')}</h2>
        <p>
          <small>{t('shifts.calendar.hint')}</small>
        </p>
        {feedUrl ? (
          <p class="notice" id="feed-url">
            {t('shifts.calendar.created', { url: feedUrl })}
          </p>
        ) : null}
        <form method="post" action="/shifts/calendar" class="inline">
          <button type="submit" class="secondary outline">
            {t('shifts.calendar.create')}
          </button>
        </form>
        <form method="post" action="/shifts/calendar/revoke" class="inline">
          <button type="submit" class="contrast outline">
            {t('shifts.calendar.revoke')}
          </button>
        </form>
      </section>
    </Page>
  );
}
