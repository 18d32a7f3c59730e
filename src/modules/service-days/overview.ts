import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type Scope, scopeWhere } from '../../lib/scope.js';

/** One township's figures on one service day (definitions in decision 0152, and on the page). */
export interface TownshipFigures {
  townshipId: number;
  township: string;
  /** Open shifts of the day in the township, whoever's. */
  shifts: number;
  /** Places on those shifts, and places taken (confirmed). */
  places: number;
  filled: number;
  /** Visit plans published on those shifts. */
  plansPublished: number;
  /** Distinct households on those published plans. */
  householdsPlanned: number;
  /** Of them, households with a visit recorded on the day. */
  householdsRecorded: number;
  /** Needs raised by those visits. */
  needsFound: number;
}

/**
 * The service day across the townships in the scope, one row per township (a township without shifts shows
 * zeros). One statement: the day's shifts, their published plans, planned households, visits on the day, needs.
 */
export async function serviceDayOverview(db: Db, scope: Scope, dayId: number): Promise<TownshipFigures[]> {
  const rows = await db.all<Record<keyof TownshipFigures, number | string>>(sql`
    with day_shifts as (
      select x.id, x.township_id, x.date, x.capacity, x.confirmed_count from shifts x
      where x.service_day_id = ${dayId} and x.status = 'open'),
    published as (
      select p.id, d.township_id, d.date from visit_plans p join day_shifts d on d.id = p.shift_id
      where p.published_at is not null),
    planned as (
      select distinct pb.township_id, pb.date, a.recipient_id from plan_assignments a
      join published pb on pb.id = a.plan_id where a.published = 1),
    recorded as (
      select distinct pd.township_id, v.id as visit_id, v.recipient_id from planned pd
      join visits v on v.recipient_id = pd.recipient_id and v.visited_on = pd.date)
    select t.id as townshipId, t.name as township,
      (select count(*) from day_shifts d where d.township_id = t.id) as shifts,
      (select coalesce(sum(d.capacity), 0) from day_shifts d where d.township_id = t.id) as places,
      (select coalesce(sum(d.confirmed_count), 0) from day_shifts d where d.township_id = t.id) as filled,
      (select count(*) from published pb where pb.township_id = t.id) as plansPublished,
      (select count(distinct pd.recipient_id) from planned pd where pd.township_id = t.id) as householdsPlanned,
      (select count(distinct r.recipient_id) from recorded r where r.township_id = t.id) as householdsRecorded,
      (select count(*) from needs n where n.visit_id in (select r.visit_id from recorded r where r.township_id = t.id)) as needsFound
    from townships t
    where ${scopeWhere(scope, { township: sql`t.id` })}
    order by t.id`);
  return rows.map((r) => ({
    townshipId: Number(r.townshipId),
    township: String(r.township),
    shifts: Number(r.shifts),
    places: Number(r.places),
    filled: Number(r.filled),
    plansPublished: Number(r.plansPublished),
    householdsPlanned: Number(r.householdsPlanned),
    householdsRecorded: Number(r.householdsRecorded),
    needsFound: Number(r.needsFound),
  }));
}

/** The county's total of each figure (households are distinct per township, so they add up). */
export function totals(rows: TownshipFigures[]): Omit<TownshipFigures, 'townshipId' | 'township'> {
  const sum = (k: keyof TownshipFigures) => rows.reduce((n, r) => n + Number(r[k]), 0);
  return {
    shifts: sum('shifts'),
    places: sum('places'),
    filled: sum('filled'),
    plansPublished: sum('plansPublished'),
    householdsPlanned: sum('householdsPlanned'),
    householdsRecorded: sum('householdsRecorded'),
    needsFound: sum('needsFound'),
  };
}
