import type { Ui } from '../../../src/lib/ui.js';
import { formatTenths, tenthsOfHour } from '../../../src/modules/shifts/hours.js';
import type { ManagedShift } from '../../../src/modules/shifts/queries.js';
import type { RosterCandidate, RosterRow } from '../../../src/modules/shifts/roster-queries.js';
import { Page } from '../../layouts/page.js';
import { ShiftOwner } from '../../partials/shifts/owner.js';

export interface RosterProps {
  ui: Ui;
  shift: ManagedShift;
  rows: RosterRow[];
  others: ManagedShift[];
  started: boolean;
  /** The volunteers found by the add search (null: no search yet). */
  candidates: RosterCandidate[] | null;
  q: string;
  /** Whether the viewer owns the shift (edits and cancels it); a partner organisation staffs it with its volunteers. */
  owner?: boolean;
}

/** How a shift is named where several are listed: township, organisation, date and time, then what it is. */
export const shiftOption = (o: ManagedShift) =>
  `${o.township} · ${o.organisation} · ${o.date} ${o.startTime}–${o.endTime} · ${o.title}`;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** What the roster's figures count, from its rows (the page and its test read the same definitions). */
export function rosterFigures(rows: RosterRow[]) {
  const confirmed = rows.filter((r) => r.status === 'confirmed');
  return {
    confirmed: confirmed.length,
    waitlisted: rows.filter((r) => r.status === 'waitlisted').length,
    attended: confirmed.filter((r) => r.attended === true).length,
    hours: confirmed.filter((r) => r.attended === true && r.minutes !== null).length,
  };
}

/**
 * A shift's roster: who is confirmed, waitlisted, attended and whose hours are confirmed; add a registered
 * volunteer; remove or move one (each asked on a confirmation page); after the start, attendance and minutes.
 */
export function RosterPage({ ui, shift, rows, others, started, candidates, q, owner = true }: RosterProps) {
  const { t } = ui;
  const length = minutesOf(shift.endTime) - minutesOf(shift.startTime);
  const figures = rosterFigures(rows);
  const waitRank = new Map(rows.filter((r) => r.status === 'waitlisted').map((r, i) => [r.volunteerId, i + 1]));
  return (
    <Page ui={ui} title={`${t('shifts.roster')} · ${shift.title}`}>
      <h1>{shift.title}</h1>
      <p>
        {shift.date} {shift.startTime}–{shift.endTime} · {shift.township} · {shift.organisation}
        {shift.place ? ` · ${shift.place}` : ''} <ShiftOwner t={t} shift={shift} />
      </p>
      <dl id="roster-figures" class="figures" aria-label={t('roster.figures')}>
        {(
          [
            ['capacity', shift.capacity],
            ['confirmed', figures.confirmed],
            ['waitlisted', figures.waitlisted],
            ['attended', figures.attended],
            ['hours', figures.hours],
          ] as const
        ).map(([key, value]) => (
          <div>
            <dt>{t(`roster.figures.${key}`)}</dt>
            <dd data-figure={key}>{value}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href={`/plans/${shift.id}`}>{t('plans.link')}</a>
        {owner ? (
          <>
            {' · '}
            <a href={`/shifts/${shift.id}/edit`}>{t('shifts.edit')}</a> ·{' '}
            <a href={`/shifts/${shift.id}/cancel-shift`}>{t('shifts.cancelShift')}</a>
          </>
        ) : null}
      </p>
      <section id="roster-add">
        <h2>{t('roster.add')}</h2>
        <p>
          <small>{t('roster.add.hint')}</small>
        </p>
        <form method="get" action={`/shifts/${shift.id}`} role="search">
          <input type="search" name="q" value={q} aria-label={t('roster.search')} placeholder={t('roster.search')} />
          <button type="submit">{t('roster.find')}</button>
        </form>
        {candidates && !candidates.length ? <p id="no-candidates">{t('roster.noCandidates')}</p> : null}
        {candidates?.length ? (
          <ul id="candidates">
            {candidates.map((v) => (
              <li>
                <form method="post" action={`/shifts/${shift.id}/roster/add`}>
                  <input type="hidden" name="volunteerId" value={String(v.id)} />
                  <strong>{v.name}</strong> {v.mobile} {v.township ?? ''}{' '}
                  <label>
                    <input type="checkbox" name="waitlist" value="1" checked />
                    {t('roster.waitlistIfFull')}
                  </label>
                  <button type="submit" class="small" aria-label={`${t('roster.addButton')} ${v.name}`}>
                    {t('roster.addButton')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <h2>{t('shifts.roster')}</h2>
      <div class="table-wrap">
        <table class="striped" id="roster">
          <thead>
            <tr>
              <th>{t('shifts.volunteer')}</th>
              <th>{t('shifts.status')}</th>
              <th>{t('roster.attendance')}</th>
              <th>{t('roster.hours')}</th>
              <th>{t('roster.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-volunteer={String(r.volunteerId)}>
                <td>{r.name}</td>
                <td class="status">
                  {r.status === 'waitlisted'
                    ? t('roster.waitlistRank', { n: waitRank.get(r.volunteerId) ?? 0 })
                    : t('shifts.status.confirmed')}
                </td>
                <td class="attendance">
                  {r.attended === true
                    ? t('roster.attended.yes')
                    : r.attended === false
                      ? t('roster.attended.no')
                      : t('roster.attended.unknown')}
                </td>
                <td class="hours">
                  {r.attended === true && r.minutes !== null
                    ? t('roster.hours.value', { hours: formatTenths(tenthsOfHour(r.minutes)) })
                    : t('roster.hours.pending')}
                </td>
                <td>
                  <a href={`/shifts/${shift.id}/roster/${r.volunteerId}/remove`} class="secondary">
                    {t('shifts.remove')}
                  </a>
                  {others.length ? (
                    <form method="get" action={`/shifts/${shift.id}/roster/${r.volunteerId}/move`} class="inline">
                      <select name="toShiftId" aria-label={`${t('shifts.moveTo')} ${r.name}`}>
                        {others.map((o) => (
                          <option value={String(o.id)}>{shiftOption(o)}</option>
                        ))}
                      </select>
                      <button type="submit" class="secondary outline small">
                        {t('roster.moveButton')}
                      </button>
                    </form>
                  ) : null}
                  {started && r.status === 'confirmed' ? (
                    <form method="post" action={`/shifts/${shift.id}/roster/${r.volunteerId}/hours`} class="inline">
                      <label>
                        <input type="checkbox" name="attended" value="1" checked={r.attended === true} />
                        {t('shifts.attended')}
                      </label>
                      <input
                        type="number"
                        name="minutes"
                        min="0"
                        max="1440"
                        value={String(r.minutes ?? length)}
                        aria-label={`${t('shifts.minutes')} ${r.name}`}
                      />
                      <button type="submit" class="small" aria-label={`${t('shifts.confirmHours')} ${r.name}`}>
                        {t('shifts.confirmHours')}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
