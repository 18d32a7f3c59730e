import type { Ui } from '../../../src/lib/ui.js';
import type { PlanAssignmentRow } from '../../../src/modules/plans/queries.js';
import type { ManagedShift } from '../../../src/modules/shifts/queries.js';
import { Page } from '../../layouts/page.js';

export interface SheetsProps {
  ui: Ui;
  shift: ManagedShift;
  rows: PlanAssignmentRow[];
  volunteers: { id: number; name: string }[];
  draft: boolean;
}

/** Route sheets for volunteers without smartphones: one printed page each, with a sign-in column per household. */
export function RouteSheetsPage({ ui, shift, rows, volunteers, draft }: SheetsProps) {
  const { t } = ui;
  const withHouseholds = volunteers.filter((v) => rows.some((r) => r.volunteerId === v.id));
  return (
    <Page ui={ui} title={t('sheets.title')}>
      <p class="no-print">
        <button type="button" data-print>
          {t('sheets.print')}
        </button>{' '}
        <a href={`/plans/${shift.id}`}>{t('plans.link')}</a>
      </p>
      {draft ? (
        <p class="no-print" id="sheets-draft">
          {t('sheets.draft')}
        </p>
      ) : null}
      {withHouseholds.map((v) => (
        <section class="sheet" data-volunteer={String(v.id)}>
          <h2>{t('sheets.title')}</h2>
          <p>
            {t('sheets.volunteer', { name: v.name })} · {shift.date} {shift.startTime}–{shift.endTime} ·{' '}
            {shift.township} · {shift.title}
          </p>
          <table class="sheet-table">
            <thead>
              <tr>
                <th>{t('plans.order')}</th>
                <th>{t('plans.household')}</th>
                <th>{t('plans.village')}</th>
                <th>{t('today.address')}</th>
                <th>
                  {t('plans.careLevel')} / {t('plans.careNotes')}
                </th>
                <th>{t('sheets.caregiver')}</th>
                <th>{t('sheets.signIn')}</th>
                <th>{t('sheets.outcome')}</th>
                <th>{t('sheets.needs')}</th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((r) => r.volunteerId === v.id)
                .map((r) => (
                  <tr>
                    <td>{r.position}</td>
                    <td>{r.recipient}</td>
                    <td>{r.village ?? ''}</td>
                    <td>{r.address ?? ''}</td>
                    <td>
                      {t(`visits.careLevel.${r.careLevel}`)}
                      {r.careNotes ? ` · ${r.careNotes}` : ''}
                    </td>
                    <td>{[r.caregiverName, r.caregiverMobileMasked].filter(Boolean).join(' ')}</td>
                    <td class="blank"></td>
                    <td class="blank"></td>
                    <td class="blank"></td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ))}
    </Page>
  );
}
