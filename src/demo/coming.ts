import { businessDate, shanghaiInstant } from '../domain/dates.js';
import { serviceDayDates } from '../domain/service-days.js';
import { signUpVolunteer } from '../modules/shifts/service.js';
import type { LivingCountyDeps } from './county.js';
import { type HistoryDeps, planAndPublish, shiftsOn, volunteersByTownship } from './history.js';

/** The next service day's first 易俗河镇 shift gets the demo volunteers (and a few more) and a published plan. */
export async function comingServiceDay(
  deps: LivingCountyDeps,
  h: HistoryDeps,
  townshipId: number,
  demoVolunteers: { id: number; skills: string[] }[],
) {
  const { db, now } = deps;
  const today = businessDate(now);
  const dates = serviceDayDates(now, deps.config.serviceDays, 2).filter((d) => d >= today);
  const upcoming = (await shiftsOn(db, dates)).filter((x) => shanghaiInstant(x.date, x.startTime) > now);
  const first = upcoming.find((x) => x.townshipId === townshipId);
  if (first) {
    const others = (await volunteersByTownship(db)).get(townshipId) ?? [];
    for (const v of [
      ...demoVolunteers,
      ...others.filter((o) => !demoVolunteers.some((d) => d.id === o.id)).slice(0, 3),
    ])
      await signUpVolunteer({ db, shiftId: first.id, volunteer: v, allowWaitlist: false, now });
    await planAndPublish(h, first, now);
  }
  const nextDays = [...new Set(upcoming.map((x) => x.date))].slice(0, deps.config.serviceDays.length);
  return { serviceDays: nextDays, shifts: upcoming.filter((x) => nextDays.includes(x.date)).length };
}
