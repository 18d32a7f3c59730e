import type { Viewer } from '../../lib/context.js';
import { isPlacedStaff, type Scope, staffScope } from '../../lib/scope.js';

export type ServiceDayAction = 'templates' | 'county';

/**
 * Templates: station staff keep their township's station's, coordinators their organisation's, the county admin any.
 * The county's service days (overview, move, cancel): the county admin only.
 */
export function can(viewer: Viewer | null, action: ServiceDayAction = 'templates'): boolean {
  if (!viewer) return false;
  if (viewer.role === 'county_admin') return true;
  return action !== 'county' && isPlacedStaff(viewer);
}

/** The templates a viewer reaches: a township's station's, an organisation's own, or all; anything else 404. */
export const scope = (viewer: Viewer): Scope => staffScope(viewer);
