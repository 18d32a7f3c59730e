import { sql } from 'drizzle-orm';
import { changedRows, type DbRunResult } from '../db/types.js';
import { businessDate } from '../domain/dates.js';
import { serviceDayDates } from '../domain/service-days.js';
import { addShifts, refreshUntouched, withdrawUntouched } from '../modules/service-days/materialise.js';
import type { Job } from './registry.js';

/** Built-in defaults for a station that has no template yet (the seed's morning and afternoon rounds). */
const DEFAULT_TEMPLATES = [
  { title: '上午入户走访', start: '08:30', end: '12:00', capacity: 10 },
  { title: '下午关爱帮扶', start: '14:00', end: '17:30', capacity: 10 },
] as const;

/**
 * Keeps this month's and the next two months' service days, and every station's and organisation's template
 * shifts on them (decision 0151). One batch (one write transaction) of idempotent statements: unique keys make any
 * number of runs, on any day or at the same moment, create each thing once, so a run by hand after a template
 * change does the work (it may add what is missing, never a second copy). `job_runs` records the day's last run.
 */
export const serviceDaysJob: Job = {
  name: 'service-days',
  cron: '5 0 * * *', // 00:05 Asia/Shanghai
  async run({ db, now, config }) {
    const today = businessDate(now);
    const dates = serviceDayDates(now, config.serviceDays);
    const at = now.getTime();
    const statements = [
      sql`insert into job_runs (job, slot, started_at) values ('service-days', ${today}, ${at})
          on conflict (job, slot) do update set started_at = excluded.started_at`,
      // Never again for a station that has (or had: deleted templates stay, inactive) templates of its own.
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
      sql`insert into service_days (date, created_at) select value, ${at} from json_each(${JSON.stringify(dates)}) where true
          on conflict (date) do nothing`,
      addShifts(at),
      // A template change reaches only coming shifts nobody edited by hand and nobody holds yet.
      refreshUntouched(at, { changedOnly: true }),
      withdrawUntouched(at),
    ];
    const results = await db.batch(
      statements.map((q) => db.run(q)) as [ReturnType<typeof db.run>, ...ReturnType<typeof db.run>[]],
    );
    const n = (i: number) => changedRows(results[i] as DbRunResult);
    return {
      slot: today,
      days: dates,
      templatesAdded: n(1),
      serviceDaysAdded: n(2),
      shiftsAdded: n(3),
      shiftsUpdated: n(4),
      shiftsWithdrawn: n(5),
    };
  },
};
