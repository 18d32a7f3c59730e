import type { Viewer } from '../../lib/context.js';
import type { MessageKey } from '../../lib/i18n/index.js';
import { can as canCareUnits } from '../care-units/policy.js';
import { can as canCertificates } from '../certificates/policy.js';
import { can as canLedger } from '../ledger/policy.js';
import { can as canOrganisations } from '../organisations/policy.js';
import { can as canPlaces } from '../places/policy.js';
import { can as canPlans } from '../plans/policy.js';
import { can as canRecipients } from '../recipients/policy.js';
import { can as canTemplates } from '../service-days/policy.js';
import { can as canShifts } from '../shifts/policy.js';
import { can as canUsers } from '../users/policy.js';
import { can as canVisits } from '../visits/policy.js';
import { can as canVolunteers } from '../volunteers/policy.js';

export interface NavItem {
  href: string;
  label: MessageKey;
}

/**
 * The menu, in order. Each entry asks the same policy question as the page's own handler, so the menu never
 * offers a page that would answer 403 and never hides one the viewer may open.
 */
const MENU: (NavItem & { may: (v: Viewer) => boolean })[] = [
  { href: '/', label: 'nav.dashboard', may: () => true },
  { href: '/recipients', label: 'nav.recipients', may: (v) => canRecipients(v, 'list') },
  { href: '/volunteers', label: 'nav.volunteers', may: (v) => canVolunteers(v, 'list') },
  { href: '/care', label: 'nav.care', may: (v) => canCareUnits(v, 'capture') },
  { href: '/organisations', label: 'nav.organisations', may: (v) => canOrganisations(v, 'list') },
  { href: '/care-units', label: 'nav.careUnits', may: (v) => canCareUnits(v, 'list') },
  { href: '/places', label: 'nav.places', may: (v) => canPlaces(v) },
  { href: '/admin/users', label: 'nav.users', may: (v) => canUsers(v, 'list') },
  { href: '/activities', label: 'nav.activities', may: (v) => canLedger(v, 'list') },
  { href: '/shifts', label: 'nav.shifts', may: (v) => canShifts(v, 'browse') || canShifts(v, 'manage') },
  { href: '/shifts/mine', label: 'nav.myShifts', may: (v) => canShifts(v, 'browse') },
  { href: '/visits/today', label: 'nav.today', may: (v) => canVisits(v, 'today') },
  { href: '/shifts/templates', label: 'shifts.templates', may: (v) => canTemplates(v, 'templates') },
  { href: '/service-days', label: 'nav.serviceDays', may: (v) => canTemplates(v, 'county') },
  { href: '/reports/aid', label: 'nav.aidReport', may: (v) => canLedger(v, 'report') },
  { href: '/certificates/issue', label: 'certificates.for.link', may: (v) => canCertificates(v, 'issueFor') },
  { href: '/visits/overdue', label: 'nav.overdue', may: (v) => canVisits(v, 'overdue') },
  { href: '/needs', label: 'nav.needs', may: (v) => canVisits(v, 'needs') },
  { href: '/visits/tasks', label: 'nav.tasks', may: (v) => canVisits(v, 'needs') },
  { href: '/visits/compliance', label: 'nav.compliance', may: (v) => canVisits(v, 'compliance') },
  { href: '/visits/cadence', label: 'nav.cadence', may: (v) => canVisits(v, 'cadence') },
  { href: '/plans/coverage', label: 'coverage.period.title', may: (v) => canPlans(v, 'coverage') },
];

/** The menu entries a viewer may open. */
export function navItems(viewer: Viewer): NavItem[] {
  return MENU.filter((item) => item.may(viewer)).map(({ href, label }) => ({ href, label }));
}
