import type { Viewer } from '../../lib/context.js';
import { ALL, NONE, type Scope, township } from '../../lib/scope.js';
import type { Register } from './formats.js';

export type RegisterAction = 'import' | 'export' | 'exportUnmasked';

/**
 * The county admin imports and exports every register, unmasked. Station staff import and export the recipients
 * and volunteers of their own township (recipients masked). Organisations are the county's to import.
 */
export function can(viewer: Viewer | null, action: RegisterAction, register: Register): boolean {
  if (!viewer) return false;
  if (register === 'visits' && action !== 'import') return false;
  if (viewer.role === 'county_admin') return true;
  if (action === 'exportUnmasked') return false;
  if (viewer.role !== 'station_staff' || viewer.townshipId === null) return false;
  if (register === 'organisations') return action === 'export';
  return true;
}

/** Whose rows an import may touch and an export carries: the county all, a station its township. */
export function scope(viewer: Viewer): Scope {
  if (viewer.role === 'county_admin') return ALL;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return township(viewer.townshipId);
  return NONE;
}
