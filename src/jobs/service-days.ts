import { sql } from 'drizzle-orm';
import { isUniqueViolation } from '../db/errors.js';
import { changedRows, type DbRunResult } from '../db/types.js';
import { businessDate, SHANGHAI_OFFSET_MS } from '../domain/dates.js';
import { serviceDayDates } from '../domain/service-days.js';
import type { Job } from './registry.js';

// shanghaiInstant in SQL, for times read from the templates inside the statement: read as UTC, minus the offset.
const instant = (date: string, time: string) =>
  sql.raw(`(cast(strftime('%s', ${date} || ' ' || ${time}) as integer) * 1000 - ${SHANGHAI_OFFSET_MS})`);

/** Built-in defaults for a station that has no template yet (the seed's morning and afternoon rounds). */
const DEFAULT_TEMPLATES = [
  { title: '上午入户走访', start: '08:30', end: '12:00', capacity: 10 },
  { title: '下午关爱帮扶', start: '14:00', end: '17:30', capacity: 10 },
] as const;

/**
 * Keeps this month's and the next two months' service days, and every station's default shifts on them.
 * One batch (one write transaction): the day's `job_runs` claim first, so a second run of the same day fails
 * the whole batch and changes nothing; unique keys make runs of different days create each thing once.
 */
export const serviceDaysJob: Job = {
  name: 'service-days',
  cron: '5 0 * * *', // 00:05 Asia/Shanghai
  async run({ db, now, config }) {
    const today = businessDate(now);
    const dates = serviceDayDates(now, config.serviceDays);
    const at = now.getTime();
    const dateList = sql.join(
      dates.map((d) => sql`${d}`),
      sql`, `,
    );
    const statements = [
      sql`insert into job_runs (job, slot, started_at) values ('service-days', ${today}, ${at})`,
      sql`insert into shift_templates (organisation_id, title, start_time, end_time, capacity, work_kind, created_at, updated_at)
          select o.id, d.title, d.start_time, d.end_time, d.capacity, 'home_visit', ${at}, ${at}
          from organisations o cross join (${sql.join(
            DEFAULT_TEMPLATES.map(
              (x) =>
                sql`select ${x.title} as title, ${x.start} as start_time, ${x.end} as end_time, ${x.capacity} as capacity`,
            ),
            sql` union all `,
          )}) d
          where o.kind = 'station' and not exists (select 1 from shift_templates t where t.organisation_id = o.id)
          on conflict do nothing`,
      ...(dates.length
        ? [
            sql`insert into service_days (date, created_at) select value, ${at} from json_each(${JSON.stringify(dates)}) where true on conflict (date) do nothing`,
          ]
        : []),
      sql`insert into shifts (service_day_id, template_id, organisation_id, township_id, title, place, date, start_time, end_time,
            starts_at, ends_at, capacity, required_skills, work_kind, created_at, updated_at)
          select d.id, t.id, o.id, o.township_id, t.title, t.place, d.date, t.start_time, t.end_time,
            ${instant('d.date', 't.start_time')}, ${instant('d.date', 't.end_time')}, t.capacity, t.required_skills, t.work_kind, ${at}, ${at}
          from service_days d
          join shift_templates t on t.active = 1
          join organisations o on o.id = t.organisation_id and o.kind = 'station' and o.township_id is not null
          where d.date in (${dates.length ? dateList : sql`null`}) and d.date >= ${today}
          on conflict do nothing`,
      // A template change reaches only future shifts nobody edited by hand and nobody holds yet.
      sql`update shifts set title = t.title, place = t.place, start_time = t.start_time, end_time = t.end_time,
            starts_at = ${instant('shifts.date', 't.start_time')}, ends_at = ${instant('shifts.date', 't.end_time')},
            capacity = t.capacity, required_skills = t.required_skills, work_kind = t.work_kind, updated_at = ${at}
          from shift_templates t
          where shifts.template_id = t.id and shifts.edited = 0 and shifts.status = 'open' and shifts.date > ${today}
            and t.updated_at > shifts.updated_at
            and not exists (select 1 from shift_signups s where s.shift_id = shifts.id and s.status <> 'cancelled')`,
    ];
    try {
      const results = await db.batch(
        statements.map((q) => db.run(q)) as [ReturnType<typeof db.run>, ...ReturnType<typeof db.run>[]],
      );
      const n = (i: number) => (results[i] ? changedRows(results[i] as DbRunResult) : 0);
      const hasDays = dates.length ? 1 : 0;
      return {
        slot: today,
        days: dates,
        templatesAdded: n(1),
        serviceDaysAdded: hasDays ? n(2) : 0,
        shiftsAdded: n(2 + hasDays),
        shiftsUpdated: n(3 + hasDays),
      };
    } catch (error) {
      if (isUniqueViolation(error, 'job_runs')) return { slot: today, skipped: 'already_ran' };
      throw error;
    }
  },
};
