import type { Viewer } from '../../lib/context.js';
import type { Register } from './formats.js';

export type RegisterAction = 'import' | 'export';

/**
 * The county admin imports and exports every register. Station staff import and export the recipients and
 * volunteers of their own township (recipients masked). Organisations are the county's to import.
 */
export function can(viewer: Viewer | null, action: RegisterAction, register: Register): boolean {
  if (!viewer) return false;
  if (viewer.role === 'county_admin') return true;
  if (viewer.role !== 'station_staff' || viewer.townshipId === null) return false;
  if (register === 'organisations') return action === 'export';
  return true;
}
