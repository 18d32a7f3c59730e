import type { Viewer } from '../../lib/context.js';
import { ALL, NONE, organisation, type Scope, township } from '../../lib/scope.js';

/** `issueFor`: staff issue on a volunteer's behalf (with or without a login) for the organisations in their Scope. */
export type CertificateAction = 'issueOwn' | 'issueFor' | 'view';

/** Volunteers issue their own certificates; staff for the volunteers of their reach; anyone logged in may open one inside their Scope. */
export function can(viewer: Viewer | null, action: CertificateAction): boolean {
  if (!viewer) return false;
  if (action === 'issueOwn') return viewer.role === 'volunteer';
  if (action === 'issueFor')
    return (
      viewer.role === 'county_admin' ||
      (viewer.role === 'station_staff' && viewer.townshipId !== null) ||
      (viewer.role === 'org_coordinator' && viewer.organisationId !== null)
    );
  return ['volunteer', 'county_admin', 'station_staff', 'org_coordinator'].includes(viewer.role);
}

/** A volunteer's own certificates ('assigned' to them); staff: those of the organisations in their Scope. */
export function scope(viewer: Viewer, volunteerId: number | null): Scope {
  if (viewer.role === 'county_admin') return ALL;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return township(viewer.townshipId);
  if (viewer.role === 'org_coordinator' && viewer.organisationId !== null) return organisation(viewer.organisationId);
  if (viewer.role === 'volunteer' && volunteerId !== null) return { kind: 'assigned', volunteerId };
  return NONE;
}
