import type { Ui } from '../../../src/lib/ui.js';
import type { PlanPageData } from '../../../src/modules/plans/page-data.js';
import type { PlanRow } from '../../../src/modules/plans/queries.js';
import type { ManagedShift } from '../../../src/modules/shifts/queries.js';
import { Page } from '../../layouts/page.js';
import { CoverageSections, HouseholdsPerVolunteerForm } from './coverage.js';

export interface PlanPageProps extends PlanPageData {
  ui: Ui;
  shift: ManagedShift;
}
type PlanAssignmentRow = PlanPageData['working'][number];

/**
 * What the planner proved within its time budget: "optimal", or how far from it the plan may be, in the first tier
 * that is not proven (households, then priority points, then km of travel; travel units are 100 m).
 */
export function PlanProofLine({ ui, proof }: { ui: Ui; proof: PlanRow['proof'] }) {
  const { t } = ui;
  if (!proof) return <p id="plan-proof">{t('plans.proof.unknown')}</p>;
  if (proof.optimal)
    return (
      <p id="plan-proof" data-optimal="true">
        {t('plans.proof.optimal')}
      </p>
    );
  const g = proof.gap;
  const gap =
    g.covered > 0 || g.priority === null
      ? t('plans.proof.covered', { n: Math.max(1, g.covered) })
      : g.priority > 0 || g.travel === null
        ? t('plans.proof.priority', { n: g.priority })
        : t('plans.proof.travel', { km: (g.travel / 10).toFixed(1) });
  return (
    <p id="plan-proof" data-optimal="false">
      {t('plans.proof.gap', { gap, seconds: (proof.timeLimitMs / 1000).toFixed(1) })}
    </p>
  );
}

/** A shift's visit plan: per volunteer their households in order, with pin / remove / reassign, then publish. */
export function PlanPage(p: PlanPageProps) {
  const { t } = p.ui;
  const base = `/plans/${p.shift.id}`;
  const covered = new Set(p.working.map((r) => r.recipientId)).size;
  return (
    <Page ui={p.ui} title={t('plans.title', { title: p.shift.title })}>
      <h1>{t('plans.title', { title: p.shift.title })}</h1>
      <p>
        {p.shift.date} {p.shift.startTime}–{p.shift.endTime} · {p.shift.township} · {p.shift.organisation} ·{' '}
        <a href={`/shifts/${p.shift.id}`}>{t('shifts.roster')}</a>
      </p>
      {p.plan ? (
        <>
          <p id="plan-status" data-status={p.plan.status}>
            {t(`plans.status.${p.plan.status}`)}
          </p>
          {p.plan.plannedAt ? <PlanProofLine ui={p.ui} proof={p.plan.proof} /> : null}
        </>
      ) : (
        <p>{t('plans.none')}</p>
      )}
      <p id="plan-summary">
        {t('plans.summary', {
          due: p.due,
          covered,
          volunteers: p.volunteers.filter((v) => !v.gone).length,
          capacity: p.capacity,
        })}{' '}
        {t('coverage.rule', { months: p.months })}
        {t(`coverage.source.${p.periodSource}`)}
      </p>
      <HouseholdsPerVolunteerForm ui={p.ui} action={`${base}/capacity`} value={p.capacity} />
      <div class="actions">
        <form method="post" action={`${base}/replan`} class="inline">
          <button type="submit" class={p.plan ? 'secondary' : undefined}>
            {p.plan ? t('plans.replan') : t('plans.plan')}
          </button>
        </form>
        {p.plan ? (
          <form method="post" action={`${base}/publish`} class="inline">
            <button type="submit">{t('plans.publish')}</button>
          </form>
        ) : null}
        {p.plan ? (
          <a href={`${base}/sheets`} role="button" class="outline">
            {t('plans.sheets')}
          </a>
        ) : null}
        {p.plan?.publishedAt ? (
          <a href={`${base}/sheets`} role="button" class="outline">
            {t('results.link')}
          </a>
        ) : null}
      </div>
      {p.changes.length ? (
        <section id="plan-changes">
          <h2>{t('plans.changes')}</h2>
          <ul>
            {p.changes.map((c) => (
              <li data-volunteer={String(c.volunteerId)}>
                <strong>{p.volunteerNames.get(c.volunteerId)}</strong>{' '}
                {c.added.length
                  ? t('plans.changes.added', { names: c.added.map((id) => p.recipientNames.get(id)).join('、') })
                  : ''}{' '}
                {c.removed.length
                  ? t('plans.changes.removed', { names: c.removed.map((id) => p.recipientNames.get(id)).join('、') })
                  : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.plan
        ? p.volunteers.map((v) => (
            <VolunteerList {...p} volunteer={v} rows={p.working.filter((r) => r.volunteerId === v.id)} />
          ))
        : null}
      <CoverageSections
        ui={p.ui}
        action={`${base}/households`}
        uncovered={p.uncovered}
        addable={p.addable}
        nursingHomes={p.nursingHomes}
        volunteers={p.volunteers.filter((v) => !v.gone)}
      />
    </Page>
  );
}

function VolunteerList(
  p: PlanPageProps & { volunteer: { id: number; name: string; gone: boolean }; rows: PlanAssignmentRow[] },
) {
  const { t } = p.ui;
  const base = `/plans/${p.shift.id}/assignments`;
  const others = p.volunteers.filter((v) => v.id !== p.volunteer.id && !v.gone);
  return (
    <article class="plan-volunteer" data-volunteer={String(p.volunteer.id)}>
      <h3>
        {p.volunteer.name}
        {p.volunteer.gone ? ` · ${t('plans.gone')}` : ''}
      </h3>
      {p.rows.length === 0 ? (
        <p>{t('plans.noHouseholds')}</p>
      ) : (
        <div class="table-wrap">
          <table class="striped">
            <thead>
              <tr>
                <th>{t('plans.order')}</th>
                <th>{t('plans.household')}</th>
                <th>{t('plans.village')}</th>
                <th>{t('plans.careLevel')}</th>
                <th>{t('plans.careNotes')}</th>
                <th>{t('plans.outcome')}</th>
                <th>{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr data-recipient={String(r.recipientId)} data-pinned={r.pinned ? '1' : '0'}>
                  <td>{r.position}</td>
                  <td>
                    {r.recipient}
                    {r.pinned ? ` · ${t('plans.pinned')}` : ''}
                  </td>
                  <td>{r.village ?? ''}</td>
                  <td>{t(`visits.careLevel.${r.careLevel}`)}</td>
                  <td>{r.careNotes ?? ''}</td>
                  <td class="outcome">{r.outcome ? t(`visitOutcome.${r.outcome}`) : ''}</td>
                  <td>
                    <form method="post" action={`${base}/${r.id}/pin`} class="inline">
                      <button type="submit" class="secondary outline small">
                        {r.pinned ? t('plans.unpin') : t('plans.pin')}
                      </button>
                    </form>
                    <form method="post" action={`${base}/${r.id}/remove`} class="inline">
                      <button type="submit" class="secondary outline small">
                        {t('plans.remove')}
                      </button>
                    </form>
                    {others.length ? (
                      <form method="post" action={`${base}/${r.id}/reassign`} class="inline">
                        <select name="toVolunteerId" aria-label={t('plans.reassignTo')}>
                          {others.map((o) => (
                            <option value={String(o.id)}>{o.name}</option>
                          ))}
                        </select>
                        <button type="submit" class="secondary outline small">
                          {t('plans.reassign')}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
