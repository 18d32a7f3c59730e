import type { Viewer } from '../../lib/context.js';

export type OrganisationAction = 'list' | 'view' | 'manage';

/** The register of organisations is public to staff; the county admin manages it. Volunteers do not need it. */
export function can(viewer: Viewer | null, action: OrganisationAction): boolean {
  if (!viewer || viewer.role === 'volunteer') return false;
  return action === 'manage' ? viewer.role === 'county_admin' : true;
}
