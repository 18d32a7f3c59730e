import { eq, type SQL, sql } from 'drizzle-orm';
import { recipients } from '../../db/schema/index.js';
import type { Viewer } from '../../lib/context.js';

export type VisitAction = 'overdue' | 'record' | 'needs' | 'followUp' | 'today' | 'cadence';

/**
 * Station staff work their township's recipients; the county admin sees every township.
 * Volunteers and coordinators record through their own visit list (shifts), not these station pages.
 */
export function can(viewer: Viewer | null, action: VisitAction): boolean {
  if (!viewer) return false;
  // A volunteer's own list: the households a published plan gave them, nothing else.
  if (action === 'today') return viewer.role === 'volunteer';
  // The cadence is the county's rule: only the county administrator changes it.
  if (action === 'cadence') return viewer.role === 'county_admin';
  if (viewer.role === 'county_admin') return true;
  return viewer.role === 'station_staff' && viewer.townshipId !== null;
}

/** The recipients a viewer may see on these pages, as a where-clause on `recipients`. */
export function scope(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'county_admin') return undefined;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null)
    return eq(recipients.townshipId, viewer.townshipId);
  return sql`0`;
}
