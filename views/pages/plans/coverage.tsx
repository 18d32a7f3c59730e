import type { Ui } from '../../../src/lib/ui.js';
import type { PlanPageData } from '../../../src/modules/plans/page-data.js';

/** The shift's households per volunteer, set on the plan page; the next plan follows it. */
export function HouseholdsPerVolunteerForm({ ui, action, value }: { ui: Ui; action: string; value: number }) {
  const { t } = ui;
  return (
    <form method="post" action={action} class="inline" id="plan-capacity">
      <label>
        {t('coverage.capacity')}{' '}
        <input type="number" name="households" min="1" max="20" required value={String(value)} />
      </label>{' '}
      <button type="submit" class="secondary outline small">
        {t('coverage.capacitySave')}
      </button>
    </form>
  );
}

type Volunteer = { id: number; name: string };

function AddForm({
  ui,
  action,
  recipientId,
  volunteers,
}: {
  ui: Ui;
  action: string;
  recipientId: number;
  volunteers: Volunteer[];
}) {
  const { t } = ui;
  if (!volunteers.length) return null;
  return (
    <form method="post" action={action} class="inline">
      <input type="hidden" name="recipientId" value={String(recipientId)} />
      <select name="volunteerId" aria-label={t('coverage.addTo')}>
        {volunteers.map((v) => (
          <option value={String(v.id)}>{v.name}</option>
        ))}
      </select>{' '}
      <button type="submit" class="secondary outline small">
        {t('coverage.add')}
      </button>
    </form>
  );
}

/**
 * Who the coverage rule wanted and the plan left out (most pressing first, with why), any other household of the
 * township to add by hand, and the nursing homes the day visits too.
 */
export function CoverageSections(p: {
  ui: Ui;
  action: string;
  uncovered: PlanPageData['uncovered'];
  addable: PlanPageData['addable'];
  nursingHomes: PlanPageData['nursingHomes'];
  volunteers: Volunteer[];
}) {
  const { t } = p.ui;
  const others = p.addable.filter((h) => !p.uncovered.some((u) => u.id === h.id));
  return (
    <>
      {p.uncovered.length ? (
        <section id="plan-uncovered">
          <h2>{t('plans.uncovered')}</h2>
          <ul>
            {p.uncovered.map((u) => (
              <li data-recipient={String(u.id)}>
                {u.name} · {u.village ?? ''} · {t(`visits.careLevel.${u.careLevel}`)} ·{' '}
                {t('coverage.daysSince', { days: u.daysSince })}
                {u.openNeed ? ` · ${t('coverage.openNeed')}` : ''}{' '}
                <AddForm ui={p.ui} action={p.action} recipientId={u.id} volunteers={p.volunteers} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {others.length && p.volunteers.length ? (
        <section id="plan-add">
          <h2>{t('coverage.addOther')}</h2>
          <form method="post" action={p.action}>
            <div class="grid">
              <label>
                {t('plans.household')}
                <select name="recipientId">
                  {others.map((h) => (
                    <option value={String(h.id)}>
                      {h.name}
                      {h.village ? ` · ${h.village}` : ''}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('coverage.addTo')}
                <select name="volunteerId">
                  {p.volunteers.map((v) => (
                    <option value={String(v.id)}>{v.name}</option>
                  ))}
                </select>
              </label>
            </div>
            <button type="submit" class="secondary">
              {t('coverage.add')}
            </button>
          </form>
        </section>
      ) : null}
      {p.nursingHomes.length ? (
        <section id="plan-nursing-homes">
          <h2>{t('coverage.nursingHomes')}</h2>
          <ul>
            {p.nursingHomes.map((h) => (
              <li data-nursing-home={String(h.id)}>
                {h.name} ·{' '}
                {h.lastServiceVisit ? t('coverage.lastVisit', { date: h.lastServiceVisit }) : t('coverage.never')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
