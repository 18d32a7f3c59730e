import { eq, type SQL, sql } from 'drizzle-orm';
import { recipients } from '../../db/schema/index.js';
import type { Viewer } from '../../lib/context.js';

export type RecipientAction = 'list' | 'view' | 'create' | 'edit' | 'assess' | 'reveal' | 'export' | 'import';

/**
 * County admin: the whole county. Station staff: their township. Coordinators and volunteers see recipients
 * only through visit assignments (issue 5), with minimal data, never through this register.
 */
export function can(viewer: Viewer | null, _action: RecipientAction, record?: { townshipId: number }): boolean {
  if (!viewer) return false;
  if (viewer.role === 'county_admin') return true;
  if (viewer.role !== 'station_staff' || viewer.townshipId === null) return false;
  if (record && record.townshipId !== viewer.townshipId) return false;
  return true;
}

/** The recipients a viewer may find at all; anything outside answers 404. */
export function scope(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'county_admin') return undefined;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null)
    return eq(recipients.townshipId, viewer.townshipId);
  return sql`0`;
}
