import type { Viewer } from '../../lib/context.js';
import { ALL, NONE, organisation, type Scope, township } from '../../lib/scope.js';

export type ServiceDayAction = 'templates' | 'county';

/**
 * Templates: station staff keep their township's station's, coordinators their organisation's, the county admin any.
 * The county's service days (overview, move, cancel): the county admin only.
 */
export function can(viewer: Viewer | null, action: ServiceDayAction = 'templates'): boolean {
  if (!viewer) return false;
  if (viewer.role === 'county_admin') return true;
  if (action === 'county') return false;
  if (viewer.role === 'station_staff') return viewer.townshipId !== null;
  if (viewer.role === 'org_coordinator') return viewer.organisationId !== null;
  return false;
}

/** The templates a viewer reaches: a township's station's, an organisation's own, or all; anything else 404. */
export function scope(viewer: Viewer): Scope {
  if (viewer.role === 'county_admin') return ALL;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return township(viewer.townshipId);
  if (viewer.role === 'org_coordinator' && viewer.organisationId !== null) return organisation(viewer.organisationId);
  return NONE;
}
