import { type SQL, sql } from 'drizzle-orm';
import { activities } from '../../db/schema/index.js';
import type { Viewer } from '../../lib/context.js';
import { isPlacedStaff, type Scope, scopeHolds, scopeWhere, staffScope } from '../../lib/scope.js';

/** `doubleAid`: the county list of households aided by two bodies within the window (county and stations). */
export type LedgerAction = 'list' | 'record' | 'reverse' | 'report' | 'export' | 'import' | 'doubleAid';

/** Who may do what with activities and the aid ledger. Volunteers record aid through their visits, not here. */
export function can(viewer: Viewer | null, action: LedgerAction): boolean {
  if (!viewer) return false;
  if (action === 'import') return viewer.role === 'county_admin';
  if (action === 'doubleAid')
    return viewer.role === 'county_admin' || (viewer.role === 'station_staff' && viewer.townshipId !== null);
  return isPlacedStaff(viewer);
}

/** The slice of the ledger a viewer sees, by the owner columns every ledger table carries. */
export const scope = (viewer: Viewer): Scope => staffScope(viewer);

/** The scope as a where-clause on any ledger table (`organisation_id`, `township_id`), optionally aliased. */
export function ledgerWhere(s: Scope, alias = ''): SQL {
  const p = alias ? `${alias}.` : '';
  return scopeWhere(s, { township: sql.raw(`${p}township_id`), organisation: sql.raw(`${p}organisation_id`) });
}

/** The activities inside a scope. */
export const activitiesIn = (s: Scope): SQL =>
  scopeWhere(s, { township: activities.townshipId, organisation: activities.organisationId });

/** Whether the viewer may record on behalf of an organisation: their own, their township's, or any (county). */
export function ownsOrganisation(viewer: Viewer, org: { id: number; townshipId: number | null }): boolean {
  return scopeHolds(scope(viewer), { organisationId: org.id, townshipId: org.townshipId });
}
