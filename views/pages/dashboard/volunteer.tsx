import type { Ui } from '../../../src/lib/ui.js';
import type { VolunteerHome } from '../../../src/modules/dashboard/volunteer-home.js';
import { Page } from '../../layouts/page.js';
import { ShiftCards } from '../../partials/shifts/card.js';

/**
 * A volunteer's first screen: the next shift (time, place, meeting point), today's households when a plan is
 * published, and the open shifts of their township with the one-tap sign-up — the common journey without the menu.
 */
export function VolunteerHomePage({ ui, home }: { ui: Ui; home: VolunteerHome }) {
  const { t, viewer } = ui;
  const { next } = home;
  return (
    <Page ui={ui} title={t('dashboard.title')}>
      <h1>{t('dashboard.welcome', { name: viewer?.displayName ?? '' })}</h1>
      {home.linked ? null : <p role="status">{t('shifts.noVolunteer')}</p>}
      {home.householdsToday ? (
        <section id="home-today">
          <p>
            <strong>{t('home.today', { n: home.householdsToday })}</strong>
          </p>
          <p>
            <a href="/visits/today" role="button">
              {t('today.title')}
            </a>
          </p>
        </section>
      ) : null}
      {home.linked ? (
        <section id="home-next">
          <h2>{t('home.next')}</h2>
          {next ? (
            <article>
              <p>
                <strong>{next.title}</strong>
                {next.status === 'waitlisted' ? <mark>{t('shifts.status.waitlisted')}</mark> : null}
              </p>
              <p>
                <time datetime={next.date}>{next.date}</time> {next.startTime}–{next.endTime}
                <br />
                {next.township} · {next.organisation}
              </p>
              <p>
                {t('home.meetingPoint')}：{next.place ?? t('home.placeUnset')}
                {next.description ? (
                  <>
                    <br />
                    {next.description}
                  </>
                ) : null}
              </p>
              <a href="/shifts/mine">{t('nav.myShifts')} →</a>
            </article>
          ) : (
            <p>{t('home.noNext')}</p>
          )}
        </section>
      ) : null}
      {home.linked ? (
        <section id="home-open">
          <h2>{t('home.open')}</h2>
          {home.open.length ? <ShiftCards ui={ui} shifts={home.open} /> : <p>{t('home.noOpen')}</p>}
          <p>
            <a href="/shifts">{t('home.allShifts')} →</a>
          </p>
        </section>
      ) : null}
    </Page>
  );
}
