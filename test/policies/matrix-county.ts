import { desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import {
  careUnitMembers,
  certificates,
  ledgerLines,
  needs,
  shiftTemplates,
  users,
  volunteerOrganisations,
  volunteers,
} from '../../src/db/schema/index.js';
import { recordActivity } from '../../src/modules/ledger/service.js';
import { ensurePlan } from '../../src/modules/plans/queries.js';
import { Browser, createTestApp, loginAs, type TestApp } from '../setup/app.js';
import { addUnit, memberBrowser } from '../setup/care-units.js';
import { cash } from '../setup/ledger-fixtures.js';
import { storedMobile } from '../setup/mobiles.js';
import { registryFixture, roleBrowsers } from '../setup/registry.js';
import { addShift } from '../setup/shifts.js';
import type { MatrixFixture, Who } from './route-matrix.js';

/**
 * The county the route matrix is checked on: the registry fixture, an activity of organisation A, a need found in
 * township X, a volunteer with a login, a shift and a template, and a logged-in browser for everyone who knocks.
 */
export const MATRIX_SERIAL = '2026-AAAA-BBBB-CCCC';

export async function matrixCounty(): Promise<{ t: TestApp; fx: MatrixFixture; browsers: Record<Who, Browser> }> {
  const t = await createTestApp();
  const f = await registryFixture(t);
  const recorded = await recordActivity(
    t.database.db,
    {
      organisationId: f.orgA.id,
      occurredOn: '2026-11-24',
      kind: 'home_visit',
      serviceDayId: null,
      shiftId: null,
      note: null,
      recipientIds: [f.rx.id],
      nursingHomeIds: [],
      lines: [cash(50_000)],
    },
    { idempotencyKey: 'matrix-activity', actorUserId: null, now: t.clock.now() },
  );
  if (!recorded.ok) throw new Error('fixture activity not recorded');
  const line = await t.database.db.select().from(ledgerLines).get();
  const throwaway = await loginAs(t, 'volunteer', { username: 'throwaway' });
  const unitId = await addUnit(t, '花石村守望之家', f.x.id, [f.villages[0].id]);
  const browsers: Record<Who, Browser> = {
    anonymous: new Browser(t),
    ...(await roleBrowsers(t, f)),
    member: await memberBrowser(t, unitId, 'shouwang01'),
  };
  // A need found on a visit in township X, recorded the way a station records it.
  const visit = await browsers.stationX.post(`/visits/recipients/${f.rx.id}`, {
    visitedOn: '2026-11-20',
    kind: 'home_visit',
    visitorKind: 'station_worker',
    outcome: 'visited',
    needCategory: 'food',
    needUrgency: 'normal',
    needText: '缺米',
  });
  expect(visit.status).toBe(303);
  const need = await t.database.db.select().from(needs).get();
  const [vol] = await t.database.db
    .insert(volunteers)
    .values({
      name: '志愿者甲',
      ...(await storedMobile('13500000001')),
      townshipId: f.x.id,
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    })
    .returning();
  await t.database.db.insert(volunteerOrganisations).values({ volunteerId: vol.id, organisationId: f.orgA.id });
  // The volunteer role's login is this volunteer; a shift of organisation A in township X, and station X's template.
  const volunteerUser = await t.database.db
    .select()
    .from(users)
    .where(eq(users.role, 'volunteer'))
    .orderBy(desc(users.id))
    .get();
  await t.database.db.update(volunteers).set({ userId: volunteerUser!.id }).where(eq(volunteers.id, vol.id));
  const shift = await addShift(t, f);
  // The shift has a (still empty) plan, so its route sheets exist whatever order the routes are tried in.
  await ensurePlan(t.database.db, shift.id, t.clock.now());
  const [template] = await t.database.db
    .insert(shiftTemplates)
    .values({
      organisationId: f.stationX.id,
      title: '上午',
      startTime: '08:30',
      endTime: '12:00',
      capacity: 10,
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    })
    .returning();
  // A certificate organisation A issued to that volunteer (as issued: the content is a snapshot).
  await t.database.db.insert(certificates).values({
    serial: MATRIX_SERIAL,
    volunteerId: vol.id,
    organisationId: f.orgA.id,
    volunteerName: vol.name,
    organisationName: f.orgA.name,
    issuedOn: '2026-11-24',
    firstDate: '2026-11-01',
    lastDate: '2026-11-20',
    totalTenths: 35,
    lines: [{ date: '2026-11-20', activity: '入户走访', hours: '3.5' }],
    createdAt: t.clock.now(),
  });
  const fx = {
    ...f,
    activityId: recorded.id,
    lineId: line!.id,
    throwawayUserId: throwaway.userId,
    needId: need!.id,
    volunteerId: vol.id,
    shiftId: shift.id,
    templateId: template.id,
    unitId,
    memberId: (await t.database.db.select().from(careUnitMembers).where(eq(careUnitMembers.unitId, unitId)).get())!.id,
  };
  return { t, fx, browsers };
}
