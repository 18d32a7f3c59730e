import type { Ui } from '../../../src/lib/ui.js';
import type { CaptureRow } from '../../../src/modules/care-units/queries.js';
import { UNDO_OUTCOMES } from '../../../src/modules/care-units/schema.js';
import { Page } from '../../layouts/page.js';

type TaskOutcome = 'deceased' | 'moved';

/**
 * The question a death or a move asks before it is recorded (it opens a station task): one plain form that records
 * it confirmed, and a way back. The same markup is the row htmx swaps in and the body of the page without JS.
 */
export function ConfirmRow(p: { ui: Ui; r: CaptureRow; on: string; outcome: TaskOutcome }) {
  const { t } = p.ui;
  const id = `h-${p.r.id}`;
  const outcome = t(`visitOutcome.${p.outcome}`);
  return (
    <li id={id} class="care-row confirm">
      <strong>{p.r.name}</strong> <small>{p.r.village ?? ''}</small>
      <p>{t(`care.confirm.${p.outcome}`, { name: p.r.name, outcome })}</p>
      <form method="post" action="/care" hx-post="/care" hx-target={`#${id}`} hx-swap="outerHTML">
        <input type="hidden" name="recipientId" value={String(p.r.id)} />
        <input type="hidden" name="on" value={p.on} />
        <input type="hidden" name="confirm" value="1" />
        <div class="taps">
          <button type="submit" name="outcome" value={p.outcome}>
            {t('care.confirm.yes', { outcome })}
          </button>
          <a href={`/care#${id}`} role="button" class="secondary outline">
            {t('care.confirm.no')}
          </a>
        </div>
      </form>
    </li>
  );
}

export function ConfirmPage(p: { ui: Ui; r: CaptureRow; on: string; outcome: TaskOutcome }) {
  const { t } = p.ui;
  return (
    <Page ui={p.ui} title={t('care.confirm.title')}>
      <h1>{t('care.confirm.title')}</h1>
      <ul class="care-day">
        <ConfirmRow {...p} />
      </ul>
    </Page>
  );
}

/** Undoing a mis-tapped death or move of today: the outcome it should have been, one tap. */
export function UndoPage(p: { ui: Ui; r: CaptureRow; on: string; mistapped: TaskOutcome }) {
  const { t } = p.ui;
  return (
    <Page ui={p.ui} title={t('care.undo.title')}>
      <h1>{t('care.undo.title')}</h1>
      <p>{t('care.undo.intro', { name: p.r.name, outcome: t(`visitOutcome.${p.mistapped}`) })}</p>
      <form method="post" action={`/care/${p.r.id}/undo`}>
        <input type="hidden" name="on" value={p.on} />
        <div class="taps">
          {UNDO_OUTCOMES.map((o) => (
            <button type="submit" name="outcome" value={o} class={o === 'visited' ? undefined : 'secondary outline'}>
              {t(`visitOutcome.${o}`)}
            </button>
          ))}
        </div>
      </form>
      <p>
        <a href={`/care#h-${p.r.id}`}>{t('care.call.back')}</a>
      </p>
    </Page>
  );
}
