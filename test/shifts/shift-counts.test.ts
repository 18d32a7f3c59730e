import { fc, test } from '@fast-check/vitest';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { ALL } from '../../src/lib/scope.js';
import {
  cancelSignup,
  editShift,
  moveVolunteer,
  removeFromShift,
  signUpVolunteer,
} from '../../src/modules/shifts/service.js';
import { createTestApp } from '../setup/app.js';
import { addShift, addVolunteer, registryFixture } from '../setup/shifts.js';

/**
 * The places counts on `shifts` are kept by triggers (decision 0046). Whatever happens to the sign-ups — sign-ups
 * with and without the waitlist, cancellations and removals with promotion, moves between shifts, capacity edits —
 * the counts equal a fresh count of the sign-ups, and no shift ever holds more confirmed volunteers than places.
 */
const op = fc.oneof(
  fc.record({ kind: fc.constant('signup' as const), v: fc.nat(5), shift: fc.nat(1), waitlist: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const), v: fc.nat(5), shift: fc.nat(1) }),
  fc.record({ kind: fc.constant('remove' as const), v: fc.nat(5), shift: fc.nat(1) }),
  fc.record({ kind: fc.constant('move' as const), v: fc.nat(5), shift: fc.nat(1) }),
  fc.record({ kind: fc.constant('capacity' as const), shift: fc.nat(1), capacity: fc.integer({ min: 1, max: 4 }) }),
);

test.prop([fc.array(op, { minLength: 1, maxLength: 25 })], { numRuns: 25 })(
  'shift counts follow every change to the sign-ups',
  async (ops) => {
    const t = await createTestApp();
    const f = await registryFixture(t);
    const db = t.database.db;
    const shifts = [await addShift(t, f, { capacity: 2 }), await addShift(t, f, { capacity: 3, title: '下午' })];
    const people = await Promise.all(
      Array.from({ length: 6 }, (_, i) => addVolunteer(t, { townshipId: f.x.id, name: `志愿者${i}` })),
    );
    const by = { actorUserId: null };
    for (const o of ops) {
      t.clock.advance(1000);
      const shift = shifts[o.shift];
      const now = t.clock.now();
      if (o.kind === 'signup')
        await signUpVolunteer({
          db,
          shiftId: shift.id,
          volunteer: { id: people[o.v].id, skills: [] },
          allowWaitlist: o.waitlist,
          now,
        });
      if (o.kind === 'cancel') await cancelSignup({ db, shift, volunteerId: people[o.v].id, now });
      if (o.kind === 'remove') await removeFromShift({ db, shift, volunteerId: people[o.v].id, by, now });
      if (o.kind === 'move')
        await moveVolunteer({
          db,
          from: shift,
          to: shifts[1 - o.shift],
          volunteerId: people[o.v].id,
          staffing: ALL,
          by,
          now,
        });
      if (o.kind === 'capacity') {
        const [row] = await db.all<{ capacity: number; confirmed: number }>(
          sql`select capacity, confirmed_count as confirmed from shifts where id = ${shift.id}`,
        );
        await editShift({
          db,
          shift: { ...shift, capacity: Number(row.capacity), confirmed: Number(row.confirmed), organisation: '阳光' },
          input: {
            title: shift.title,
            place: shift.place ?? '',
            description: '',
            date: shift.date,
            startTime: shift.startTime,
            endTime: shift.endTime,
            capacity: o.capacity,
            requiredSkills: [],
            workKind: 'home_visit',
          },
          today: '2026-11-24',
          now,
        });
      }
    }
    const rows = await db.all<{ id: number; capacity: number; cc: number; wc: number; c: number; w: number }>(sql`
    select s.id, s.capacity, s.confirmed_count as cc, s.waitlisted_count as wc,
      (select count(*) from shift_signups x where x.shift_id = s.id and x.status = 'confirmed') as c,
      (select count(*) from shift_signups x where x.shift_id = s.id and x.status = 'waitlisted') as w
    from shifts s`);
    for (const r of rows) {
      expect([Number(r.cc), Number(r.wc)]).toEqual([Number(r.c), Number(r.w)]);
      expect(Number(r.c)).toBeLessThanOrEqual(Number(r.capacity));
    }
    t.database.close();
  },
);
