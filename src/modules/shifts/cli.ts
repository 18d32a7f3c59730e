import { parseArgs } from 'node:util';
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import * as s from '../../db/schema/index.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Service days in a date range with their shifts and head counts, in the shape the CLI prints. */
export async function serviceDaysBetween(db: Db, from: string, to: string) {
  const days = await db
    .select({ id: s.serviceDays.id, date: s.serviceDays.date })
    .from(s.serviceDays)
    .where(and(gte(s.serviceDays.date, from), lte(s.serviceDays.date, to)))
    .orderBy(asc(s.serviceDays.date));
  const rows = await db
    .select({
      date: s.shifts.date,
      township: s.townships.name,
      organisation: s.organisations.name,
      title: s.shifts.title,
      startsAt: s.shifts.startsAt,
      endsAt: s.shifts.endsAt,
      capacity: s.shifts.capacity,
      confirmed: sql<number>`(select count(*) from shift_signups x where x.shift_id = ${s.shifts.id} and x.status = 'confirmed')`,
      waitlisted: sql<number>`(select count(*) from shift_signups x where x.shift_id = ${s.shifts.id} and x.status = 'waitlisted')`,
    })
    .from(s.shifts)
    .innerJoin(s.townships, eq(s.townships.id, s.shifts.townshipId))
    .innerJoin(s.organisations, eq(s.organisations.id, s.shifts.organisationId))
    .where(and(gte(s.shifts.date, from), lte(s.shifts.date, to), eq(s.shifts.status, 'open')))
    .orderBy(asc(s.shifts.date), asc(s.townships.name), asc(s.shifts.startsAt), asc(s.shifts.id));
  return days.map((d) => ({
    date: d.date,
    shifts: rows
      .filter((r) => r.date === d.date)
      .map((r) => ({
        township: r.township,
        organisation: r.organisation,
        title: r.title,
        starts_at: r.startsAt.toISOString(),
        ends_at: r.endsAt.toISOString(),
        capacity: r.capacity,
        confirmed: Number(r.confirmed),
        waitlisted: Number(r.waitlisted),
      })),
  }));
}

/** `service-days list --from YYYY-MM-DD --to YYYY-MM-DD [--json]`. */
export async function serviceDaysListCommand(db: Db, args: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.from || !values.to || !DATE.test(values.from) || !DATE.test(values.to)) {
    console.error('service-days list needs --from YYYY-MM-DD --to YYYY-MM-DD');
    return 2;
  }
  const days = await serviceDaysBetween(db, values.from, values.to);
  if (values.json) out(JSON.stringify(days));
  else
    for (const d of days)
      out(`${d.date}\t${d.shifts.length} shifts\t${d.shifts.reduce((a, x) => a + x.confirmed, 0)} confirmed`);
  return 0;
}
