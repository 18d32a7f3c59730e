import { type SQL, sql } from 'drizzle-orm';
import { SHANGHAI_OFFSET_MS } from '../../domain/dates.js';

/**
 * The statements that turn templates into shifts, shared by the nightly job and the template pages (so a change
 * reaches the coming shifts at once). Each is idempotent: unique keys and guards make a repeat change nothing.
 */

// shanghaiInstant in SQL, for times read from the templates inside the statement: read as UTC, minus the offset.
export const instant = (date: string, time: string) =>
  sql.raw(`(cast(strftime('%s', ${date} || ' ' || ${time}) as integer) * 1000 - ${SHANGHAI_OFFSET_MS})`);

/** Organisations whose templates become shifts: stations, and social organisations still in the programme, with a township. */
const OWNERS = sql.raw(
  `o.township_id is not null and (o.kind = 'station' or (o.kind = 'social_org' and coalesce(o.incubation_stage, '') <> 'withdrawn'))`,
);

/**
 * An untouched shift (the only kind a template change reaches): made from a template, never edited by hand (an edit,
 * a cancellation), still open, not begun, and nobody holds or awaits a place on it (cancelled sign-ups hold nothing).
 */
export const untouched = (at: number) =>
  sql`shifts.template_id is not null and shifts.edited = 0 and shifts.status = 'open' and shifts.starts_at > ${at}
    and not exists (select 1 from shift_signups s where s.shift_id = shifts.id and s.status <> 'cancelled')`;

/** Shifts for every coming, not cancelled service day from every active template (`only`: a filter on `t`). */
export function addShifts(at: number, only: SQL = sql`1 = 1`): SQL {
  const day = 'coalesce(d.held_on, d.date)';
  return sql`insert into shifts (service_day_id, template_id, organisation_id, township_id, title, place, date, start_time, end_time,
      starts_at, ends_at, capacity, required_skills, work_kind, created_at, updated_at)
    select d.id, t.id, o.id, o.township_id, t.title, t.place, ${sql.raw(day)}, t.start_time, t.end_time,
      ${instant(day, 't.start_time')}, ${instant(day, 't.end_time')}, t.capacity, t.required_skills, t.work_kind, ${at}, ${at}
    from service_days d
    join shift_templates t on t.active = 1
    join organisations o on o.id = t.organisation_id and ${OWNERS}
    where d.cancelled_at is null and ${instant(day, 't.start_time')} > ${at} and ${only}
    on conflict do nothing`;
}

/**
 * Untouched shifts take their template's current values. The job passes `changedOnly` (a template changed since
 * the shift was last written), so a quiet night rewrites nothing; a template page passes the template it changed.
 */
export function refreshUntouched(at: number, opts: { only?: SQL; changedOnly?: boolean } = {}): SQL {
  return sql`update shifts set title = t.title, place = t.place, start_time = t.start_time, end_time = t.end_time,
      starts_at = ${instant('shifts.date', 't.start_time')}, ends_at = ${instant('shifts.date', 't.end_time')},
      capacity = t.capacity, required_skills = t.required_skills, work_kind = t.work_kind, updated_at = ${at}
    from shift_templates t
    where shifts.template_id = t.id and t.active = 1 and ${untouched(at)} and ${opts.only ?? sql`1 = 1`}
      ${opts.changedOnly ? sql`and t.updated_at > shifts.updated_at` : sql``}`;
}

/** Untouched shifts of deleted templates go (cancelled, so the job never makes them again). */
export function withdrawUntouched(at: number, only: SQL = sql`1 = 1`): SQL {
  return sql`update shifts set status = 'cancelled', updated_at = ${at}
    where shifts.template_id in (select t.id from shift_templates t where t.active = 0 and ${only}) and ${untouched(at)}`;
}
