import type { Ui } from '../../../src/lib/ui.js';
import type { ManagedShift, RosterRow } from '../../../src/modules/shifts/queries.js';
import { Page } from '../../layouts/page.js';
import { ShiftOwner } from '../../partials/shifts/owner.js';

export interface RosterProps {
  ui: Ui;
  shift: ManagedShift;
  rows: RosterRow[];
  others: ManagedShift[];
  started: boolean;
  /** Whether the viewer owns the shift (edits, cancels, keeps its roster); a partner organisation only sees it. */
  owner?: boolean;
}

/** A shift's roster: remove or move a volunteer (they are notified); after the start, attendance and minutes. */
export function RosterPage({ ui, shift, rows, others, started, owner = true }: RosterProps) {
  const { t } = ui;
  const length =
    Number(shift.endTime.slice(0, 2)) * 60 +
    Number(shift.endTime.slice(3)) -
    (Number(shift.startTime.slice(0, 2)) * 60 + Number(shift.startTime.slice(3)));
  return (
    <Page ui={ui} title={`${t('shifts.roster')} · ${shift.title}`}>
      <h1>{shift.title}</h1>
      <p>
        {shift.date} {shift.startTime}–{shift.endTime} · {shift.township} · {shift.organisation}{' '}
        <ShiftOwner t={t} shift={shift} />
      </p>
      <p>
        {t('shifts.places', { confirmed: shift.confirmed, capacity: shift.capacity, waitlisted: shift.waitlisted })}
      </p>
      <p>
        <a href={`/plans/${shift.id}`}>{t('plans.link')}</a>
        {owner ? (
          <>
            {' · '}
            <a href={`/shifts/${shift.id}/edit`}>{t('shifts.edit')}</a>
          </>
        ) : null}
      </p>
      {owner ? (
        <form method="post" action={`/shifts/${shift.id}/cancel-shift`}>
          <button type="submit" class="contrast outline small">
            {t('shifts.cancelShift')}
          </button>
        </form>
      ) : null}
      <h2>{t('shifts.roster')}</h2>
      <div class="table-wrap">
        <table class="striped" id="roster">
          <thead>
            <tr>
              <th>{t('shifts.volunteer')}</th>
              <th>{t('shifts.status')}</th>
              {owner ? <th></th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.name}</td>
                <td>{t(`shifts.status.${r.status}`)}</td>
                {owner ? (
                  <td>
                    <form method="post" action={`/shifts/${shift.id}/roster/${r.volunteerId}/remove`} class="inline">
                      <button type="submit" class="secondary outline small">
                        {t('shifts.remove')}
                      </button>
                    </form>
                    {others.length ? (
                      <form method="post" action={`/shifts/${shift.id}/roster/${r.volunteerId}/move`} class="inline">
                        <select name="toShiftId" aria-label={t('shifts.moveTo')}>
                          {others.map((o) => (
                            <option value={String(o.id)}>{`${o.date} ${o.startTime} ${o.title}`}</option>
                          ))}
                        </select>
                        <button type="submit" class="secondary outline small">
                          {t('shifts.move')}
                        </button>
                      </form>
                    ) : null}
                    {started && r.status === 'confirmed' ? (
                      <form method="post" action={`/shifts/${shift.id}/roster/${r.volunteerId}/hours`} class="inline">
                        <label>
                          <input type="checkbox" name="attended" value="1" checked={r.attended ?? true} />
                          {t('shifts.attended')}
                        </label>
                        <input
                          type="number"
                          name="minutes"
                          min="0"
                          max="1440"
                          value={String(r.minutes ?? length)}
                          aria-label={t('shifts.minutes')}
                        />
                        <button type="submit" class="small">
                          {t('shifts.confirmHours')}
                        </button>
                      </form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
