import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import { volunteerOrganisations, volunteers } from '../../db/schema/index.js';
import type { Viewer } from '../../lib/context.js';

export type VolunteerAction = 'list' | 'view' | 'create' | 'edit' | 'approve';

/** Staff manage volunteers: the county all, a station its township, a coordinator its organisation's members. */
export function can(viewer: Viewer | null, _action: VolunteerAction): boolean {
  if (!viewer) return false;
  if (viewer.role === 'county_admin') return true;
  if (viewer.role === 'station_staff') return viewer.townshipId !== null;
  if (viewer.role === 'org_coordinator') return viewer.organisationId !== null;
  return false;
}

export function scope(viewer: Viewer): SQL | undefined {
  if (viewer.role === 'county_admin') return undefined;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null)
    return eq(volunteers.townshipId, viewer.townshipId);
  if (viewer.role === 'org_coordinator' && viewer.organisationId !== null)
    return inArray(
      volunteers.id,
      sql`(SELECT ${volunteerOrganisations.volunteerId} FROM ${volunteerOrganisations} WHERE ${volunteerOrganisations.organisationId} = ${viewer.organisationId})`,
    );
  return sql`0`;
}
