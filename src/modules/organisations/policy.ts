import type { Viewer } from '../../lib/context.js';

export type OrganisationAction = 'list' | 'view' | 'manage';

/** The register of organisations is public to staff; the county admin manages it. Volunteers do not need it. */
export function can(viewer: Viewer | null, action: OrganisationAction): boolean {
  // Staff roles only: volunteers and 守望之家 members have no use for the register (fail closed for new roles).
  if (!viewer || !['county_admin', 'station_staff', 'org_coordinator'].includes(viewer.role)) return false;
  return action === 'manage' ? viewer.role === 'county_admin' : true;
}
