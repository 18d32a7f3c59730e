import type { Viewer } from '../../lib/context.js';
import { ALL, NONE, type Scope, township } from '../../lib/scope.js';

/** `coverage`: the service-day coverage period (decision 0165), seen and set on its own page. */
export type PlansAction = 'coverage';

/** The county admin keeps the county's period (and any township's); a station keeps its own township's. */
export function can(viewer: Viewer | null, _action: PlansAction): boolean {
  if (!viewer) return false;
  return viewer.role === 'county_admin' || (viewer.role === 'station_staff' && viewer.townshipId !== null);
}

/** The townships whose period the viewer sees and sets. */
export function scope(viewer: Viewer, _action: PlansAction): Scope {
  if (viewer.role === 'county_admin') return ALL;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return township(viewer.townshipId);
  return NONE;
}

/** Whether the viewer may set the county's own period (a township's goes by `scope`). */
export function maySetCounty(viewer: Viewer): boolean {
  return viewer.role === 'county_admin';
}
