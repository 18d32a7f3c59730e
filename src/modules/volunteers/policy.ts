import type { Viewer } from '../../lib/context.js';
import { ALL, NONE, organisation, type Scope, township } from '../../lib/scope.js';

/** `login`: create a login for a registered volunteer (or give a new activation code). */
export type VolunteerAction = 'list' | 'view' | 'create' | 'edit' | 'approve' | 'login';

/** Staff manage volunteers: the county all, a station its township, a coordinator its organisation's members. */
export function can(viewer: Viewer | null, _action: VolunteerAction): boolean {
  if (!viewer) return false;
  if (viewer.role === 'county_admin') return true;
  if (viewer.role === 'station_staff') return viewer.townshipId !== null;
  if (viewer.role === 'org_coordinator') return viewer.organisationId !== null;
  return false;
}

/** The volunteers a viewer may find; anything outside answers 404. */
export function scope(viewer: Viewer): Scope {
  if (viewer.role === 'county_admin') return ALL;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return township(viewer.townshipId);
  if (viewer.role === 'org_coordinator' && viewer.organisationId !== null) return organisation(viewer.organisationId);
  return NONE;
}
