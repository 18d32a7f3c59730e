import type { Viewer } from '../../lib/context.js';
import { isPlacedStaff, type Scope, staffScope } from '../../lib/scope.js';

/** `login`: create a login for a registered volunteer (or give a new activation code). */
export type VolunteerAction = 'list' | 'view' | 'create' | 'edit' | 'approve' | 'login';

/** Staff manage volunteers: the county all, a station its township, a coordinator its organisation's members. */
export function can(viewer: Viewer | null, _action: VolunteerAction): boolean {
  return isPlacedStaff(viewer);
}

/** The volunteers a viewer may find; anything outside answers 404. */
export const scope = (viewer: Viewer): Scope => staffScope(viewer);
