import type { Viewer } from '../../lib/context.js';
import { ALL, NONE, organisation, partner, type Scope, township } from '../../lib/scope.js';

export type ShiftAction = 'browse' | 'signUp' | 'manage' | 'create' | 'roster';

/**
 * What a manager does with the shifts it finds: `manage` changes or cancels a shift (its owner only); `see`,
 * `staff` and `plan` also reach the stations' service-day shifts of the townships a coordinator's organisation is
 * active in (decision 0150), so it sees them, staffs them with its volunteers and plans visits on them.
 */
export type ShiftReach = 'manage' | 'see' | 'staff' | 'plan';

/**
 * Volunteers browse open shifts and take places for themselves only. Coordinators manage their organisation's
 * shifts, station staff their township's, the county admin all; nobody else sees a roster.
 */
export function can(
  viewer: Viewer | null,
  action: ShiftAction,
  record?: { organisationId: number; townshipId: number },
): boolean {
  if (!viewer) return false;
  if (action === 'browse' || action === 'signUp') return viewer.role === 'volunteer';
  if (viewer.role === 'county_admin') return true;
  if (viewer.role === 'station_staff')
    return viewer.townshipId !== null && (!record || record.townshipId === viewer.townshipId);
  if (viewer.role === 'org_coordinator')
    return viewer.organisationId !== null && (!record || record.organisationId === viewer.organisationId);
  return false;
}

/** The shifts a manager may find at all for a reach; anything outside answers 404. */
export function scope(viewer: Viewer, reach: ShiftReach = 'manage'): Scope {
  if (viewer.role === 'county_admin') return ALL;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return township(viewer.townshipId);
  if (viewer.role === 'org_coordinator' && viewer.organisationId !== null)
    return reach === 'manage' ? organisation(viewer.organisationId) : partner(viewer.organisationId);
  return NONE;
}
