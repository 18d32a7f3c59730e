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

/**
 * The one staffing rule: a viewer may add, remove and move volunteers on exactly the shifts their shifts Scope
 * reaches (`shiftsIn` turns it into SQL), whatever that Scope is widened to. The roster routes find the shift with
 * it (404 outside) and the writing statements carry it as a guard, so the rule and the write cannot drift apart.
 */
export function staffScope(viewer: Viewer): Scope {
  // 'see': an organisation staffs its own shifts and the township's service-day shifts it partners on (decision
  // 0150); who it may take off such a shift is narrowed to its own volunteers in the roster routes.
  return can(viewer, 'roster') ? scope(viewer, 'see') : NONE;
}
