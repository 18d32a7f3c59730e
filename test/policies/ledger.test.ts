import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema/index.js';
import type { Viewer } from '../../src/lib/context.js';
import { can, type LedgerAction, ownsOrganisation, scope } from '../../src/modules/ledger/policy.js';

const viewer = (role: Role, townshipId: number | null = null, organisationId: number | null = null): Viewer => ({
  id: 1,
  username: 'u',
  displayName: 'u',
  role,
  townshipId,
  organisationId,
  locale: 'zh',
});

const ACTIONS: LedgerAction[] = ['list', 'record', 'reverse', 'report', 'export', 'import'];

describe('ledger policy', () => {
  it.each([
    ['county_admin', viewer('county_admin'), [true, true, true, true, true, true]],
    ['station_staff', viewer('station_staff', 3), [true, true, true, true, true, false]],
    ['station without township', viewer('station_staff'), [false, false, false, false, false, false]],
    ['org_coordinator', viewer('org_coordinator', null, 7), [true, true, true, true, true, false]],
    ['volunteer', viewer('volunteer'), [false, false, false, false, false, false]],
  ] as const)('%s may %j', (_name, v, expected) => {
    expect(ACTIONS.map((a) => can(v, a))).toEqual(expected);
  });

  it('scopes the county, a township, an organisation, and nothing for volunteers', () => {
    expect(scope(viewer('county_admin'))).toEqual({ kind: 'all' });
    expect(scope(viewer('station_staff', 3))).toEqual({ kind: 'township', townshipId: 3 });
    expect(scope(viewer('org_coordinator', null, 7))).toEqual({ kind: 'organisation', organisationId: 7 });
    expect(scope(viewer('volunteer'))).toEqual({ kind: 'none' });
  });

  it('lets each role record only for organisations it owns', () => {
    const own = { id: 7, townshipId: 3 };
    const other = { id: 8, townshipId: 4 };
    expect([
      ownsOrganisation(viewer('org_coordinator', null, 7), own),
      ownsOrganisation(viewer('org_coordinator', null, 7), other),
    ]).toEqual([true, false]);
    expect([
      ownsOrganisation(viewer('station_staff', 3), own),
      ownsOrganisation(viewer('station_staff', 3), other),
    ]).toEqual([true, false]);
    expect(ownsOrganisation(viewer('county_admin'), other)).toBe(true);
    expect(ownsOrganisation(viewer('volunteer'), own)).toBe(false);
  });
});
