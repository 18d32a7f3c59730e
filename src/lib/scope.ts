import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Viewer } from './context.js';

/**
 * Whose records a viewer may reach for one action. A module's policy gives it (`scope(viewer, action)`); every
 * query that reads personal data takes one. There is no "undefined means everything": `all` is said out loud,
 * and a kind a table has no rule for matches nothing.
 */
export type Scope =
  | { readonly kind: 'all' }
  | { readonly kind: 'township'; readonly townshipId: number }
  | { readonly kind: 'organisation'; readonly organisationId: number }
  | { readonly kind: 'assigned'; readonly volunteerId: number }
  // An organisation's own records plus the township work it shares where it is active (the stations' service days).
  | { readonly kind: 'partner'; readonly organisationId: number }
  // A 守望之家 member: the home-supported households their unit covers (its villages, or assigned to it).
  | { readonly kind: 'unit'; readonly unitId: number }
  | { readonly kind: 'none' };

export const ALL: Scope = { kind: 'all' };
export const NONE: Scope = { kind: 'none' };
export const township = (townshipId: number): Scope => ({ kind: 'township', townshipId });
export const organisation = (organisationId: number): Scope => ({ kind: 'organisation', organisationId });
export const assigned = (volunteerId: number): Scope => ({ kind: 'assigned', volunteerId });
export const partner = (organisationId: number): Scope => ({ kind: 'partner', organisationId });
export const unit = (unitId: number): Scope => ({ kind: 'unit', unitId });

/**
 * The staff's reach over their own records: the county admin everything, a station its township, a coordinator
 * its organisation; anyone else (or staff without their place) nothing.
 */
export function staffScope(viewer: Viewer): Scope {
  if (viewer.role === 'county_admin') return ALL;
  if (viewer.role === 'station_staff' && viewer.townshipId !== null) return township(viewer.townshipId);
  if (viewer.role === 'org_coordinator' && viewer.organisationId !== null) return organisation(viewer.organisationId);
  return NONE;
}

/** Whether the viewer is staff with a reach of their own (`staffScope` is not none). */
export const isPlacedStaff = (viewer: Viewer | null): boolean => viewer !== null && staffScope(viewer).kind !== 'none';

/** How one table meets each kind of scope; a kind left out is closed. */
export interface ScopeRules {
  township?: SQLWrapper | ((townshipId: number) => SQL);
  organisation?: SQLWrapper | ((organisationId: number) => SQL);
  assigned?: (volunteerId: number) => SQL;
  partner?: (organisationId: number) => SQL;
  unit?: (unitId: number) => SQL;
}

const CLOSED = sql`0 = 1`;

function rule(on: SQLWrapper | ((id: number) => SQL) | undefined, id: number): SQL {
  if (on === undefined) return CLOSED;
  return typeof on === 'function' ? on(id) : sql`${on} = ${id}`;
}

/** The scope as a where-clause on one table, never empty. */
export function scopeWhere(scope: Scope, on: ScopeRules): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`1 = 1`;
    case 'township':
      return rule(on.township, scope.townshipId);
    case 'organisation':
      return rule(on.organisation, scope.organisationId);
    case 'assigned':
      return on.assigned ? on.assigned(scope.volunteerId) : CLOSED;
    case 'partner':
      return on.partner ? on.partner(scope.organisationId) : CLOSED;
    case 'unit':
      return on.unit ? on.unit(scope.unitId) : CLOSED;
    case 'none':
      return CLOSED;
  }
}

/** Whether a record owned by a township and an organisation lies inside a scope (for checks outside SQL). */
export function scopeHolds(scope: Scope, owner: { townshipId?: number | null; organisationId?: number | null }) {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'township':
      return owner.townshipId === scope.townshipId;
    case 'organisation':
      return owner.organisationId === scope.organisationId;
    default:
      return false;
  }
}

/** The one township a scope is bound to (forms then offer only it), or null when it spans more. */
export function boundTownship(scope: Scope): number | null {
  return scope.kind === 'township' ? scope.townshipId : null;
}

/** The one organisation a scope is bound to, or null. */
export function boundOrganisation(scope: Scope): number | null {
  return scope.kind === 'organisation' ? scope.organisationId : null;
}
