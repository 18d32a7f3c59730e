import type { Viewer } from '../../lib/context.js';
import { ALL, NONE, type Scope, township } from '../../lib/scope.js';

/** Station staff edit their township's station templates; the county admin any. */
export function can(viewer: Viewer | null): boolean {
  return (
    !!viewer && (viewer.role === 'county_admin' || (viewer.role === 'station_staff' && viewer.townshipId !== null))
  );
}

export function scope(viewer: Viewer): Scope {
  if (viewer.role === 'county_admin') return ALL;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return township(viewer.townshipId);
  return NONE;
}
