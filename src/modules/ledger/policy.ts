import { eq, type SQL, sql } from 'drizzle-orm';
import { activities } from '../../db/schema/index.js';
import type { Viewer } from '../../lib/context.js';

export type LedgerAction = 'list' | 'record' | 'reverse' | 'report' | 'export' | 'import';

/** Who may do what with activities and the aid ledger. Volunteers record aid through visits (issue 5), not here. */
export function can(viewer: Viewer | null, action: LedgerAction): boolean {
  if (!viewer) return false;
  if (action === 'import') return viewer.role === 'county_admin';
  if (viewer.role === 'county_admin') return true;
  if (viewer.role === 'station_staff') return viewer.townshipId !== null;
  if (viewer.role === 'org_coordinator') return viewer.organisationId !== null;
  return false;
}

/** The slice of the ledger a viewer sees, by the owner columns every ledger table carries. */
export interface LedgerScope {
  organisationId?: number;
  townshipId?: number;
  none?: true;
}

export function scope(viewer: Viewer): LedgerScope {
  if (viewer.role === 'county_admin') return {};
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return { townshipId: viewer.townshipId };
  if (viewer.role === 'org_coordinator' && viewer.organisationId !== null)
    return { organisationId: viewer.organisationId };
  return { none: true };
}

/** The scope as a where-clause on any table with `organisation_id` and `township_id` columns. */
export function scopeSql(s: LedgerScope, alias = ''): SQL {
  const p = alias ? `${alias}.` : '';
  if (s.none) return sql`0`;
  if (s.organisationId !== undefined) return sql`${sql.raw(p)}organisation_id = ${s.organisationId}`;
  if (s.townshipId !== undefined) return sql`${sql.raw(p)}township_id = ${s.townshipId}`;
  return sql`1`;
}

export function activityScope(viewer: Viewer): SQL | undefined {
  const s = scope(viewer);
  if (s.none) return sql`0`;
  if (s.organisationId !== undefined) return eq(activities.organisationId, s.organisationId);
  if (s.townshipId !== undefined) return eq(activities.townshipId, s.townshipId);
  return undefined;
}

/** Whether an activity's owner is inside the viewer's scope (for recording on behalf of an organisation). */
export function ownsOrganisation(viewer: Viewer, org: { id: number; townshipId: number | null }): boolean {
  const s = scope(viewer);
  if (s.none) return false;
  if (s.organisationId !== undefined) return org.id === s.organisationId;
  if (s.townshipId !== undefined) return org.townshipId === s.townshipId;
  return true;
}
