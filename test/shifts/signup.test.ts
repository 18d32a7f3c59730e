import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import * as s from '../../src/db/schema/index.js';
import { cancelSignup } from '../../src/modules/shifts/service.js';
import { createTestApp } from '../setup/app.js';
import { addShift, addVolunteer, registryFixture, signUpAt } from '../setup/shifts.js';

describe('sign-up', () => {
  it('confirms exactly `capacity` of 5×capacity concurrent sign-ups from several connections', async () => {
    const t = await createTestApp();
    const f = await registryFixture(t);
    const shift = await addShift(t, f, { capacity: 4 });
    const volunteers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => addVolunteer(t, { townshipId: f.x.id, name: `志愿者${i}` })),
    );
    const clients = await Promise.all([1, 2, 3, 4, 5].map(() => openDatabase(`file:${t.dbPath}`)));
    try {
      const outcomes = await Promise.all(
        volunteers.map((v, i) =>
          signUpAt(t, shift.id, v.id, { db: clients[i % clients.length].db, allowWaitlist: i % 2 === 0 }),
        ),
      );
      const counts: Record<string, number> = {};
      for (const o of outcomes) {
        const key = o.ok ? o.outcome : o.reason;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      expect(counts.confirmed).toBe(4);
      expect((counts.waitlisted ?? 0) + (counts.full ?? 0)).toBe(16);
    } finally {
      for (const c of clients) c.close();
    }
    const rows = await t.database.db.select().from(s.shiftSignups).where(eq(s.shiftSignups.shiftId, shift.id));
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(4);
  });

  it('promotes the first waitlisted volunteer when someone cancels, and queues their notice once', async () => {
    const t = await createTestApp();
    const f = await registryFixture(t);
    const shift = await addShift(t, f, { capacity: 1 });
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map((i) => addVolunteer(t, { townshipId: f.x.id, name: `志愿者${i}` })),
    );
    const db = t.database.db;
    expect(await signUpAt(t, shift.id, a.id)).toEqual({ ok: true, outcome: 'confirmed' });
    t.clock.advance(1000);
    expect(await signUpAt(t, shift.id, b.id)).toEqual({ ok: true, outcome: 'waitlisted' });
    t.clock.advance(1000);
    expect(await signUpAt(t, shift.id, c.id)).toEqual({ ok: true, outcome: 'waitlisted' });
    expect(await signUpAt(t, shift.id, c.id)).toEqual({ ok: true, outcome: 'already' });
    t.clock.advance(1000);
    expect(await cancelSignup({ db, shift, volunteerId: a.id, now: t.clock.now() })).toBe(true);
    const status = async (id: number) =>
      (
        await db
          .select()
          .from(s.shiftSignups)
          .where(and(eq(s.shiftSignups.shiftId, shift.id), eq(s.shiftSignups.volunteerId, id)))
      )[0].status;
    expect([await status(a.id), await status(b.id), await status(c.id)]).toEqual([
      'cancelled',
      'confirmed',
      'waitlisted',
    ]);
    const messages = await db.select().from(s.outbox);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      volunteerId: b.id,
      channel: 'sms',
      status: 'pending',
      subject: '候补转正通知',
    });
    expect(messages[0].body).toContain('2026-11-25 08:30 上午入户走访');
    // Cancelling again changes nothing.
    expect(await cancelSignup({ db, shift, volunteerId: a.id, now: t.clock.now() })).toBe(false);
    // The cancelled volunteer signs up again and goes to the end of the waitlist.
    t.clock.advance(1000);
    expect(await signUpAt(t, shift.id, a.id)).toEqual({ ok: true, outcome: 'waitlisted' });
  });

  it('refuses a volunteer without the required skill, with the missing skill as the reason', async () => {
    const t = await createTestApp();
    const f = await registryFixture(t);
    const shift = await addShift(t, f, { requiredSkills: ['护理'] });
    const v = await addVolunteer(t, { townshipId: f.x.id, skills: ['驾驶'] });
    expect(await signUpAt(t, shift.id, v.id, { skills: ['驾驶'] })).toEqual({
      ok: false,
      reason: 'skill',
      missing: ['护理'],
    });
    expect(await t.database.db.$count(s.shiftSignups)).toBe(0);
    expect(await signUpAt(t, shift.id, v.id, { skills: ['驾驶', '护理'] })).toEqual({ ok: true, outcome: 'confirmed' });
  });
});
