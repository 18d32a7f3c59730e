import type { Role } from '../../src/domain/vocabulary.js';
import type { Viewer } from '../../src/lib/context.js';
import type { MessageKey } from '../../src/lib/i18n/index.js';

export interface NavItem {
  href: string;
  label: MessageKey;
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['county_admin', 'station_staff', 'org_coordinator', 'volunteer'];

/** The menu, in order; each module adds its entry here with the roles that may open it. */
export const NAV: NavItem[] = [
  { href: '/', label: 'nav.dashboard', roles: ALL },
  { href: '/recipients', label: 'nav.recipients', roles: ['county_admin', 'station_staff'] },
  { href: '/volunteers', label: 'nav.volunteers', roles: ['county_admin', 'station_staff', 'org_coordinator'] },
  { href: '/organisations', label: 'nav.organisations', roles: ['county_admin', 'station_staff', 'org_coordinator'] },
  { href: '/places', label: 'nav.places', roles: ['county_admin'] },
  { href: '/admin/users', label: 'nav.users', roles: ['county_admin'] },
  { href: '/activities', label: 'nav.activities', roles: ['county_admin', 'station_staff', 'org_coordinator'] },
  { href: '/shifts', label: 'nav.shifts', roles: ALL },
  { href: '/shifts/mine', label: 'nav.myShifts', roles: ['volunteer'] },
  { href: '/visits/today', label: 'nav.today', roles: ['volunteer'] },
  { href: '/shifts/templates', label: 'shifts.templates', roles: ['county_admin', 'station_staff'] },
  { href: '/reports/aid', label: 'nav.aidReport', roles: ['county_admin', 'station_staff', 'org_coordinator'] },
  { href: '/visits/overdue', label: 'nav.overdue', roles: ['county_admin', 'station_staff'] },
  { href: '/needs', label: 'nav.needs', roles: ['county_admin', 'station_staff'] },
  { href: '/visits/compliance', label: 'nav.compliance', roles: ['county_admin', 'station_staff'] },
  { href: '/visits/cadence', label: 'nav.cadence', roles: ['county_admin'] },
];

export function navItems(viewer: Viewer): NavItem[] {
  return NAV.filter((item) => item.roles.includes(viewer.role));
}
