import type { Role } from '../../domain/vocabulary.js';
import type { Viewer } from '../../lib/context.js';
import { ALL, NONE, type Scope, township, unit } from '../../lib/scope.js';

/** `list`/`view`/`manage`: the station's register of units; `capture`: a member's day of care visits and calls. */
export type CareUnitAction = 'list' | 'view' | 'manage' | 'capture';

/**
 * Station staff manage the 守望之家 of their township, the county admin all of them. A member (role care_member,
 * users.organisation_id = their unit) records the care visits of their unit's households and nothing else.
 */
export function can(viewer: Viewer | null, action: CareUnitAction, record?: { townshipId: number | null }): boolean {
  if (!viewer) return false;
  if (action === 'capture') return viewer.role === 'care_member' && viewer.organisationId !== null;
  if (viewer.role === 'county_admin') return true;
  if (viewer.role !== 'station_staff' || viewer.townshipId === null) return false;
  return !record || record.townshipId === viewer.townshipId;
}

/** Whose units and households a viewer reaches; anything outside answers 404. */
export function scope(viewer: Viewer): Scope {
  if (viewer.role === 'county_admin') return ALL;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return township(viewer.townshipId);
  if (viewer.role === 'care_member' && viewer.organisationId !== null) return unit(viewer.organisationId);
  return NONE;
}

/** Where a freshly activated login lands: a member on their day of care visits, everyone else on the dashboard. */
export const landingAfterActivation = (role: Role): string => (role === 'care_member' ? '/care' : '/');
