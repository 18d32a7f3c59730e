import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { loadConfig } from '../../src/env.js';
import { shiftRemindersJob } from '../../src/jobs/shift-reminders.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { cancelSignup, cancelWholeShift } from '../../src/modules/shifts/service.js';
import { createTestApp } from '../setup/app.js';
import { addShift, addVolunteer, registryFixture, signUpAt } from '../setup/shifts.js';

/** Notices go out in the language each volunteer chose for themselves, whoever caused them. */
describe("notices in the volunteer's language", () => {
  it('writes promotions, cancellations and reminders in English to a volunteer who chose English, in Chinese to the others', async () => {
    const t = await createTestApp();
    const f = await registryFixture(t);
    const db = t.database.db;
    const shift = await addShift(t, f, { capacity: 1 });
    const zh = await addVolunteer(t, { townshipId: f.x.id, name: '王中文' }); // no login: Chinese
    const en = await addVolunteer(t, { townshipId: f.x.id, name: 'Li English', login: true });
    await db.update(s.users).set({ locale: 'en' }).where(eq(s.users.id, en.userId!));
    const third = await addVolunteer(t, { townshipId: f.x.id, name: '赵候补' });
    expect((await signUpAt(t, shift.id, zh.id)).ok).toBe(true);
    t.clock.advance(1000);
    await signUpAt(t, shift.id, en.id);
    t.clock.advance(1000);
    await signUpAt(t, shift.id, third.id);
    t.clock.advance(1000);
    await cancelSignup({ db, shift, volunteerId: zh.id, now: t.clock.now() }); // the English volunteer is promoted
    const [promoted] = await db.select().from(s.outbox);
    expect(promoted).toMatchObject({ volunteerId: en.id });
    expect(promoted.subject).toMatch(/^[\x20-\x7e]+$/);
    expect(promoted.body).toContain('2026-11-25 08:30');
    expect(promoted.body).not.toMatch(/候补|班次/);

    // The evening before, the reminder: English for the confirmed English volunteer.
    t.clock.set('2026-11-24T10:30:00Z'); // 18:30 in Shanghai
    await shiftRemindersJob.run({ db, now: t.clock.now(), config: loadConfig({}), logger: memoryLogger() });
    const reminder = (await db.select().from(s.outbox)).find((m) => m.idempotencyKey.startsWith('reminder:'))!;
    expect(reminder.volunteerId).toBe(en.id);
    expect(reminder.subject).toMatch(/^[\x20-\x7e]+$/);

    // The whole shift cancelled: each holder in their own language.
    await cancelWholeShift({ db, shift, now: t.clock.now() });
    const cancelled = (await db.select().from(s.outbox)).filter((m) => m.idempotencyKey.startsWith('shift-cancelled:'));
    expect(cancelled.map((m) => m.volunteerId).sort()).toEqual([en.id, third.id].sort());
    expect(cancelled.find((m) => m.volunteerId === en.id)!.subject).toMatch(/^[\x20-\x7e]+$/);
    expect(cancelled.find((m) => m.volunteerId === third.id)!.subject).toMatch(/[\u4e00-\u9fff]/);
  });
});
