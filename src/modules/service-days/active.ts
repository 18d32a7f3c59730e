import { type SQL, sql } from 'drizzle-orm';

/**
 * The townships a social organisation is active in (decision 0150), as a subquery of township ids: while it has
 * not withdrawn, its registered township and every township it has recorded an activity in. Stations, nursing
 * homes and withdrawn organisations are active nowhere through this rule.
 */
export function activeTownshipsOf(organisationId: number): SQL {
  const live = sql`o.id = ${organisationId} and o.kind = 'social_org' and coalesce(o.incubation_stage, '') <> 'withdrawn'`;
  return sql`select o.township_id from organisations o where ${live} and o.township_id is not null
    union select a.township_id from activities a join organisations o on o.id = a.organisation_id
      where ${live} and a.organisation_id = ${organisationId} and a.township_id is not null`;
}
