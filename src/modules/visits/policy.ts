import type { Viewer } from '../../lib/context.js';
import { ALL, NONE, type Scope, township } from '../../lib/scope.js';

/** `compliance`: a township's (or every township's) figures; `countyCompliance`: all townships at once. */
export type VisitAction =
  | 'overdue'
  | 'compliance'
  | 'countyCompliance'
  | 'record'
  | 'needs'
  | 'followUp'
  | 'today'
  | 'cadence';

/**
 * Station staff work their township's recipients; the county admin sees every township.
 * Volunteers and coordinators record through their own visit list (shifts), not these station pages.
 */
export function can(viewer: Viewer | null, action: VisitAction): boolean {
  if (!viewer) return false;
  // A volunteer's own list: the households a published plan gave them, nothing else.
  if (action === 'today') return viewer.role === 'volunteer';
  // The cadence is the county's rule: only the county administrator changes it.
  if (action === 'cadence' || action === 'countyCompliance') return viewer.role === 'county_admin';
  if (viewer.role === 'county_admin') return true;
  return viewer.role === 'station_staff' && viewer.townshipId !== null;
}

/** The recipients a viewer may see on these pages. */
export function scope(viewer: Viewer): Scope {
  if (viewer.role === 'county_admin') return ALL;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return township(viewer.townshipId);
  return NONE;
}

/** A recorded visit may be corrected by whoever recorded it or by the station of the recipient's township. */
export function mayCorrect(viewer: Viewer, visit: { recordedBy: number | null; townshipId: number }): boolean {
  if (visit.recordedBy === viewer.id) return true;
  return viewer.role === 'station_staff' && viewer.townshipId === visit.townshipId;
}
