import type { Viewer } from '../../lib/context.js';
import { ALL, NONE, organisation, type Scope, township } from '../../lib/scope.js';

/**
 * `pick`: choosing households for an activity (name, township, masked ID only). `configure`: the county's
 * agreement term, a county decision.
 */
export type RecipientAction =
  | 'list'
  | 'view'
  | 'create'
  | 'edit'
  | 'assess'
  | 'reveal'
  | 'export'
  | 'import'
  | 'pick'
  | 'configure';

/**
 * County admin: the whole county. Station staff: their township. Coordinators never use this register; they pick
 * households for their activities only among those their organisation already serves (its activities and plans).
 */
export function can(viewer: Viewer | null, action: RecipientAction, record?: { townshipId: number }): boolean {
  if (!viewer) return false;
  if (viewer.role === 'county_admin') return true;
  if (action === 'pick' && viewer.role === 'org_coordinator') return viewer.organisationId !== null;
  if (action === 'configure') return false;
  if (viewer.role !== 'station_staff' || viewer.townshipId === null) return false;
  if (record && record.townshipId !== viewer.townshipId) return false;
  return true;
}

/** The recipients a viewer may find for an action; anything outside answers 404. */
export function scope(viewer: Viewer, action: RecipientAction = 'view'): Scope {
  if (viewer.role === 'county_admin') return ALL;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return township(viewer.townshipId);
  if (action === 'pick' && viewer.role === 'org_coordinator' && viewer.organisationId !== null)
    return organisation(viewer.organisationId);
  return NONE;
}
