import type { Ui } from '../../../src/lib/ui.js';
import type { RouteSheets } from '../../../src/modules/plans/sheets.js';
import type { ManagedShift } from '../../../src/modules/shifts/queries.js';
import { Page } from '../../layouts/page.js';

export interface SheetsProps {
  ui: Ui;
  shift: ManagedShift;
  sheets: RouteSheets;
  /** Caregivers' numbers in full, only on the one volunteer's sheet printed for them (audited). */
  mobiles?: Map<number, string>;
}

/**
 * Route sheets for volunteers without smartphones: one printed page each with what the day needs on paper — where
 * and when to meet, each household's address and caregiver, and columns to fill in: outcome, need, aid handed over,
 * the recipient's or caregiver's signature. The overview masks numbers; "print" gives one volunteer's sheet in full.
 */
export function RouteSheetsPage({ ui, shift, sheets, mobiles }: SheetsProps) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('sheets.title')}>
      <p class="no-print">
        {mobiles ? (
          <button type="button" data-print>
            {t('sheets.print')}
          </button>
        ) : null}{' '}
        <a href={`/plans/${shift.id}/sheets`}>{t('sheets.all')}</a> ·{' '}
        <a href={`/plans/${shift.id}`}>{t('plans.link')}</a>
      </p>
      {sheets.draft ? (
        <p class="no-print" id="sheets-draft">
          {t('sheets.draft')}
        </p>
      ) : null}
      {sheets.volunteers.map((v) => (
        <section class="sheet" data-volunteer={String(v.id)}>
          <h2>{t('sheets.title')}</h2>
          <p class="sheet-meta">
            {t('sheets.volunteer', { name: v.name })} · {shift.date} · {shift.township} · {shift.title}
            <br />
            <strong>{t('sheets.meet', { place: shift.place ?? shift.organisation, time: shift.startTime })}</strong> ·{' '}
            {t('sheets.until', { time: shift.endTime })} · {shift.organisation}
          </p>
          {mobiles ? null : (
            <form method="post" action={`/plans/${shift.id}/sheets/${v.id}`} class="no-print">
              <button type="submit" class="secondary outline small">
                {t('sheets.printFor', { name: v.name })}
              </button>{' '}
              {sheets.draft ? null : (
                <a href={`/plans/${shift.id}/results/${v.id}`}>{t('results.enter', { name: v.name })}</a>
              )}
            </form>
          )}
          <table class="sheet-table">
            <thead>
              <tr>
                <th>{t('plans.order')}</th>
                <th>{t('plans.household')}</th>
                <th>{t('sheets.where')}</th>
                <th>
                  {t('plans.careLevel')} / {t('plans.careNotes')}
                </th>
                <th>{t('sheets.caregiver')}</th>
                <th>{t('sheets.outcome')}</th>
                <th>{t('sheets.needs')}</th>
                <th>{t('sheets.aid')}</th>
                <th>{t('sheets.signIn')}</th>
              </tr>
            </thead>
            <tbody>
              {sheets.rows
                .filter((r) => r.volunteerId === v.id)
                .map((r) => (
                  <tr data-recipient={String(r.recipientId)}>
                    <td>{r.position}</td>
                    <td>{r.recipient}</td>
                    <td>{[r.village, r.address].filter(Boolean).join(' ')}</td>
                    <td>
                      {t(`visits.careLevel.${r.careLevel}`)}
                      {r.careNotes ? ` · ${r.careNotes}` : ''}
                    </td>
                    <td class="caregiver">
                      {[r.caregiverName, mobiles?.get(r.recipientId) ?? r.caregiverMobileMasked]
                        .filter(Boolean)
                        .join(' ')}
                    </td>
                    <td class="blank"></td>
                    <td class="blank"></td>
                    <td class="blank"></td>
                    <td class="blank signature"></td>
                  </tr>
                ))}
            </tbody>
          </table>
          {sheets.nursingHomes.length ? (
            <p class="sheet-homes">
              {t('sheets.nursingHomes', { names: sheets.nursingHomes.map((h) => h.name).join('、') })}
            </p>
          ) : null}
          <p class="sheet-foot">{t('sheets.returnTo')}</p>
        </section>
      ))}
    </Page>
  );
}
