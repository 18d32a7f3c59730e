import { sql } from 'drizzle-orm';
import type { PasswordHasher } from '../auth/password.js';
import type { Db } from '../db/client.js';
import * as s from '../db/schema/index.js';
import { addDays, businessDate, monthBounds, shanghaiInstant } from '../domain/dates.js';
import { serviceDayDates } from '../domain/service-days.js';
import type { Config } from '../env.js';
import type { Logger } from '../lib/logger.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import { type DrawnEvent, householdLines } from './aid.js';
import { seedCareUnits } from './care-units.js';
import { comingServiceDay } from './coming.js';
import { countySize, rng } from './generate.js';
import {
  type DemoShift,
  deliverNotices,
  followUpNeeds,
  type HistoryDeps,
  pastMonths,
  planAndPublish,
  recordSheet,
  runServiceDays,
  shiftsOn,
  staffShift,
  volunteersByTownship,
} from './history.js';
import { createDemoLogins, type DemoLogin } from './logins.js';
import { type SeedResult, seedDemo } from './seed.js';
import { organisationTemplates } from './templates.js';
import { recordAid } from './year-of-aid.js';

export interface LivingCountyDeps {
  db: Db;
  cipher: PersonalDataCipher;
  passwords: PasswordHasher;
  config: Config;
  logger: Logger;
  /** The injected clock: the history is the twelve whole months before this instant's month. */
  now: Date;
}

export interface LivingCounty extends SeedResult {
  logins: DemoLogin[];
  history: { from: string; to: string; shifts: number; plans: number; visits: number; activities: number };
  coming: { serviceDays: string[]; shifts: number };
  /** The 守望之家, their members and the month of care visits before today. */
  care: { units: number; members: number; visits: number };
}

/** A year of history by default; `--months` shortens it for a quick look (or a test). */
export const HISTORY_MONTHS = 12;

/**
 * A demo county in motion: the registry (as `seedDemo`), the demo logins, a year of service days with rosters,
 * hours, published plans, visits, needs and aid, all written through the app's own services and jobs at the time
 * they happened, then the coming service days. Refuses a registry that is not empty.
 */
export async function seedLivingCounty(
  deps: LivingCountyDeps,
  options: { scale?: number; seed?: number; months?: number } = {},
): Promise<LivingCounty | { skipped: 'not_empty' }> {
  const { db, config, logger, now } = deps;
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 20260424;
  const today = businessDate(now);
  const months = pastMonths(today, options.months ?? HISTORY_MONTHS);
  const start = shanghaiInstant(addDays(months[0], -1), '09:00');
  const registry = await seedDemo({ db, cipher: deps.cipher, now: start }, { size: countySize(scale), seed });
  if ('skipped' in registry) return registry;
  const r = rng(seed + 1);
  const actors = await createDemoLogins({ db, passwords: deps.passwords, cipher: deps.cipher, now: start });
  await organisationTemplates(db, { coordinatorOrganisationId: actors.coordinator.organisationId, now: start });
  const h: HistoryDeps = { db, config, logger, r, stationUserOf: actors.stationUserOf };
  const pools = await volunteersByTownship(db);
  const names = new Map(
    (await db.select({ id: s.volunteers.id, name: s.volunteers.name }).from(s.volunteers)).map((v) => [v.id, v.name]),
  );
  const demoVolunteers = await db
    .select({ id: s.volunteers.id, skills: s.volunteers.skills })
    .from(s.volunteers)
    .where(
      sql`${s.volunteers.id} in (${sql.join(
        actors.volunteers.map((v) => sql`${v.id}`),
        sql`, `,
      )})`,
    );

  const stationEvents: DrawnEvent[] = [];
  let shiftCount = 0;
  let plans = 0;
  let visits = 0;
  for (const first of months) {
    await runServiceDays(h, shanghaiInstant(first, '00:05'));
    const dates = serviceDayDates(shanghaiInstant(first, '00:05'), config.serviceDays, 1);
    const shifts = await shiftsOn(db, dates);
    const lastOf = new Map<number, { shift: DemoShift; minutes: Map<number, number> }>();
    for (const shift of shifts) {
      const firstRound = shift.date === dates[0] && shift === shifts.find((x) => x.townshipId === shift.townshipId);
      const extra = firstRound && shift.townshipId === actors.townshipId ? demoVolunteers : [];
      const minutes = await staffShift(h, shift, pools.get(shift.townshipId) ?? [], extra);
      shiftCount++;
      if (firstRound && minutes.size) {
        const assigned = await planAndPublish(h, shift);
        plans++;
        const met = await recordSheet(h, shift, assigned, minutes, names);
        visits += met.length;
      }
      lastOf.set(shift.townshipId, { shift, minutes });
    }
    // Each station's 关爱帮扶 event of the month, on its last shift, with the hours its volunteers served.
    for (const { shift, minutes } of lastOf.values()) {
      const total = [...minutes.values()].reduce((a, b) => a + b, 0);
      stationEvents.push({
        organisationId: shift.organisationId,
        occurredOn: shift.date,
        kind: 'care',
        shiftId: shift.id,
        serviceDayId: shift.serviceDayId,
        recipientIds: [],
        nursingHomeIds: [],
        lines: householdLines(r, 4, { centihours: Math.round((total * 100) / 60), volunteers: minutes.size }),
        note: '集中工作日关爱帮扶',
      });
    }
    const { last } = monthBounds(first);
    await followUpNeeds(h, last);
    await deliverNotices(h, last);
  }

  const activities = await recordAid(deps, { r, seed, scale, months, stationEvents, actors });
  const care = await seedCareUnits({ db, passwords: deps.passwords, now, registeredAt: start }, r, actors.townshipId);
  await runServiceDays(h, now);
  const coming = await comingServiceDay(deps, h, actors.townshipId, demoVolunteers);
  await db.run(sql`PRAGMA optimize`);
  return {
    ...registry,
    logins: [...actors.logins, care.login],
    care: { units: care.units, members: care.members, visits: care.visits },
    history: {
      from: months[0],
      to: monthBounds(months[months.length - 1]).last,
      shifts: shiftCount,
      plans,
      visits,
      activities,
    },
    coming,
  };
}
