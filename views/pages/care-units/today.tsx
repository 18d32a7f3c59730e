import { TASK_OUTCOMES, VISIT_OUTCOMES, type VisitOutcome } from '../../../src/domain/vocabulary.js';
import type { Ui } from '../../../src/lib/ui.js';
import type { CareDayRow } from '../../../src/modules/care-units/capture.js';
import type { CaptureRow } from '../../../src/modules/care-units/queries.js';
import { Notice } from '../../components/form.js';
import { Page } from '../../layouts/page.js';

const isTaskOutcome = (o: VisitOutcome): o is 'deceased' | 'moved' => o in TASK_OUTCOMES;

/**
 * One household of the day: one tap on an outcome records it (a plain form, enhanced by htmx to swap just this
 * row); once recorded it shows the outcome. Only name, village, care level; the caregiver's number only via call.
 */
export function CareRow({
  ui,
  r,
  on,
  today = on,
}: {
  ui: Ui;
  r: CaptureRow & { daysOverdue?: number };
  on: string;
  today?: string;
}) {
  const { t } = ui;
  const id = `h-${r.id}`;
  return (
    <li id={id} class="care-row" data-recorded={r.recorded ?? undefined}>
      <strong>{r.name}</strong>{' '}
      <small>
        {r.village ?? ''} · {t(`recipients.careLevel.${r.careLevel}`)}
        {r.daysOverdue ? ` · ${t('care.today.overdue', { days: r.daysOverdue })}` : ''}
      </small>
      {r.recorded ? (
        <p class="done">
          {t('care.today.recorded', { outcome: t(`visitOutcome.${r.recorded}`) })}
          {isTaskOutcome(r.recorded) && on === today ? (
            <>
              {' '}
              <a href={`/care/${r.id}/undo`}>{t('care.undo.link')}</a>
            </>
          ) : null}
        </p>
      ) : (
        <form method="post" action="/care" hx-post="/care" hx-target={`#${id}`} hx-swap="outerHTML">
          <input type="hidden" name="recipientId" value={String(r.id)} />
          <input type="hidden" name="on" value={on} />
          <div class="taps">
            {VISIT_OUTCOMES.map((o) =>
              isTaskOutcome(o) ? (
                // Asked again before it is recorded: a link to the question (htmx brings it into the row).
                <a
                  href={`/care/${r.id}/confirm?outcome=${o}&on=${on}`}
                  hx-get={`/care/${r.id}/confirm?outcome=${o}&on=${on}`}
                  hx-target={`#${id}`}
                  hx-swap="outerHTML"
                  role="button"
                  class="secondary outline"
                >
                  {t(`visitOutcome.${o}`)}
                </a>
              ) : (
                <button
                  type="submit"
                  name="outcome"
                  value={o}
                  class={o === 'visited' ? undefined : 'secondary outline'}
                >
                  {t(`visitOutcome.${o}`)}
                </button>
              ),
            )}
          </div>
          <details>
            <summary>{t('care.today.need')}</summary>
            <input name="need" maxlength={500} aria-label={t('care.today.need')} />
          </details>
        </form>
      )}
      {r.hasCaregiver ? (
        <form method="post" action={`/care/${r.id}/call`}>
          <button type="submit" class="contrast outline small">
            {t('care.today.call')}
          </button>
        </form>
      ) : null}
    </li>
  );
}

export interface CareDayProps {
  ui: Ui;
  on: string;
  rows: CareDayRow[];
  notDue: number;
  error?: string;
}

/** A member's whole day on one phone screen. */
export function CareDayPage(p: CareDayProps) {
  const { t } = p.ui;
  return (
    <Page ui={p.ui} title={t('care.today.title')}>
      <h1>{t('care.today.title')}</h1>
      {p.error ? <Notice kind="error">{p.error}</Notice> : null}
      <p>{t('care.today.intro', { date: p.on, count: p.rows.length, notDue: p.notDue })}</p>
      {p.rows.length === 0 ? <p>{t('care.today.none')}</p> : null}
      <ul class="care-day">
        {p.rows.map((r) => (
          <CareRow ui={p.ui} r={r} on={p.on} />
        ))}
      </ul>
    </Page>
  );
}

/** After the audited look-up: a tappable tel: link (a redirect to tel: is blocked by the CSP's form-action). */
export function CallPage({ ui, name, mobile }: { ui: Ui; name: string; mobile: string }) {
  const { t } = ui;
  return (
    <Page ui={ui} title={t('care.call.title')}>
      <h1>{t('care.call.title')}</h1>
      <p>
        {name} · {t('care.call.number')}
      </p>
      <p>
        <a href={`tel:${mobile}`} role="button" id="call">
          {mobile}
        </a>
      </p>
      <p>
        <a href="/care">{t('care.call.back')}</a>
      </p>
    </Page>
  );
}
