import * as s from '../../src/db/schema/index.js';
import { addRecipient } from '../fixtures/recipients.js';
import type { TestApp } from './app.js';
import { addShift, addVolunteer, registryFixture } from './shifts.js';

let position = 0;

/** Confirms a volunteer on a shift, as a sign-up would. */
export async function confirm(t: TestApp, shiftId: number, volunteerId: number) {
  position += 1;
  await t.database.db.insert(s.shiftSignups).values({
    shiftId,
    volunteerId,
    status: 'confirmed',
    position,
    createdAt: t.clock.now(),
    updatedAt: t.clock.now(),
  });
}

/**
 * A service-day shift of organisation A in township X on 2026-11-25 with two confirmed volunteers (Wang, who
 * can counsel and logs in; Li), and township X's due recipients: the fixture's 张老汉 and five more, registered
 * on 2026-11-01 so they are overdue by the 25th, with different care levels.
 */
export async function planFixture(t: TestApp) {
  const f = await registryFixture(t);
  const shift = await addShift(t, f, { capacity: 5 });
  const wang = await addVolunteer(t, {
    name: '王志愿',
    townshipId: f.x.id,
    organisationId: f.orgA.id,
    skills: ['counselling'],
    login: true,
  });
  const li = await addVolunteer(t, { name: '李志愿', townshipId: f.x.id, organisationId: f.orgA.id, login: true });
  await confirm(t, shift.id, wang.id);
  await confirm(t, shift.id, li.id);
  const registered = new Date('2026-11-01T02:00:00Z');
  const [v1, v2] = [f.villages[0].id, f.villages[1].id];
  const people = {
    full1: await addRecipient(t, { name: '周全失', townshipId: f.x.id, villageId: v1, careLevel: 'full', registered }),
    full2: await addRecipient(t, { name: '吴全失', townshipId: f.x.id, villageId: v2, careLevel: 'full', registered }),
    partial: await addRecipient(t, {
      name: '郑半失',
      townshipId: f.x.id,
      villageId: v1,
      careLevel: 'partial',
      registered,
    }),
    self1: await addRecipient(t, { name: '冯自理', townshipId: f.x.id, villageId: v2, careLevel: 'self', registered }),
    self2: await addRecipient(t, {
      name: '陈自理',
      townshipId: f.x.id,
      villageId: v1,
      careLevel: 'self',
      registered,
      caregiverMobile: '13911112222',
    }),
  };
  return { f, shift, wang, li, people };
}
export type PlanFixture = Awaited<ReturnType<typeof planFixture>>;
