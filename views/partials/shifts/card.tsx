import type { Translate } from '../../../src/lib/i18n/index.js';
import type { ShiftRow } from '../../../src/modules/shifts/queries.js';
import { ShiftOwner } from './owner.js';

/** One shift as a volunteer sees it, with the one-tap sign-up or cancel (a plain form that htmx enhances). */
export function ShiftCard({ t, shift, message }: { t: Translate; shift: ShiftRow; message?: string }) {
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
        <p class="error" role="alert">
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
