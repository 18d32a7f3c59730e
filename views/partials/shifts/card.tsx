import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Translate } from '../../../src/lib/i18n/index.js';
import type { Ui } from '../../../src/lib/ui.js';
import { type ShiftRow, shiftRowKey } from '../../../src/modules/shifts/queries.js';
import { ShiftOwner } from './owner.js';

/** One shift as a volunteer sees it, with the one-tap sign-up or cancel (a plain form that htmx enhances). */
export function ShiftCard({
  t,
  shift,
  message,
  refused = false,
}: {
  t: Translate;
  shift: ShiftRow;
  message?: string;
  /** A refusal reads as an error; "you are signed up" or "on the waiting list" as a plain status. */
  refused?: boolean;
}) {
  const full = shift.confirmed >= shift.capacity;
  const action = shift.mine === 'confirmed' || shift.mine === 'waitlisted' ? 'cancel' : 'signup';
  const url = `/shifts/${shift.id}/${action}`;
  return (
    <article class="shift-card" id={`shift-${shift.id}`} data-date={shift.date}>
      <header>
        <strong>{shift.title}</strong> · {t(`shifts.workKind.${shift.workKind}`)}
        {shift.serviceDay ? <mark>{t('shifts.serviceDay')}</mark> : null}
      </header>
      <p>
        <time datetime={shift.date}>{shift.date}</time> {shift.startTime}–{shift.endTime}
        <br />
        {shift.township} · {shift.organisation} <ShiftOwner t={t} shift={shift} />
        {shift.place ? <> · {shift.place}</> : null}
      </p>
      {shift.description ? <p>{shift.description}</p> : null}
      {shift.requiredSkills.length ? (
        <p>
          <small>
            {t('shifts.skill')}: {shift.requiredSkills.join('、')}
          </small>
        </p>
      ) : null}
      <p>
        <small>
          {t('shifts.places', { confirmed: shift.confirmed, capacity: shift.capacity, waitlisted: shift.waitlisted })}
        </small>
      </p>
      {shift.mine && shift.mine !== 'cancelled' ? (
        <p class="status">
          <strong>{t(`shifts.status.${shift.mine}` as 'shifts.status.confirmed')}</strong>
        </p>
      ) : null}
      {message ? (
        <p class={refused ? 'error' : 'notice'} role={refused ? 'alert' : 'status'}>
          {message}
        </p>
      ) : null}
      <form method="post" action={url} hx-post={url} hx-target={`#shift-${shift.id}`} hx-swap="outerHTML">
        {action === 'signup' && full ? <input type="hidden" name="waitlist" value="1" /> : null}
        <button type="submit" class={action === 'cancel' ? 'secondary' : undefined}>
          {action === 'cancel' ? t('shifts.cancel') : full ? t('shifts.joinWaitlist') : t('shifts.signUp')}
        </button>
      </form>
    </article>
  );
}

// Rendered cards by language and by everything the card shows (the row as read, counts and the viewer's own status
// included): any write that changes a card changes its key, so nothing needs invalidating, on any instance. Bounded:
// a full map is dropped whole (old versions are never asked for again).
const CACHED_CARDS = 2000;
const rendered = new Map<string, Map<string, HtmlEscapedString>>();

/** The volunteer's cards, each rendered once per (language, row) and reused (decision 0205). */
export function ShiftCards({ ui, shifts }: { ui: Pick<Ui, 't' | 'locale'>; shifts: readonly ShiftRow[] }) {
  let byRow = rendered.get(ui.locale);
  if (!byRow) {
    byRow = new Map();
    rendered.set(ui.locale, byRow);
  }
  const cards = shifts.map((shift) => {
    const key = shiftRowKey(shift);
    let html = byRow.get(key);
    if (html === undefined) {
      html = raw(String(<ShiftCard t={ui.t} shift={shift} />));
      if (byRow.size >= CACHED_CARDS) byRow.clear();
      byRow.set(key, html);
    }
    return html;
  });
  return <>{cards}</>;
}
