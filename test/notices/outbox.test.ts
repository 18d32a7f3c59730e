import { createServer, type Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import * as s from '../../src/db/schema/index.js';
import { deliverOutboxJob } from '../../src/jobs/deliver-outbox.js';
import { shiftRemindersJob } from '../../src/jobs/shift-reminders.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { webhookSender } from '../../src/modules/notices/senders.js';
import { createTestApp } from '../setup/app.js';
import { addShift, addVolunteer, registryFixture } from '../setup/shifts.js';

/** A real HTTP gateway on loopback that refuses its first `failures` requests. */
async function gateway(
  failures: number,
): Promise<{ url: string; received: { key: string; to: string; body: string }[]; server: Server }> {
  const received: { key: string; to: string; body: string }[] = [];
  let seen = 0;
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      seen++;
      if (seen <= failures) {
        res.writeHead(503).end();
        return;
      }
      const json = JSON.parse(data);
      received.push({ key: String(req.headers['idempotency-key']), to: json.to, body: json.body });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/sms`, received, server };
}

describe('outbox delivery and reminders', () => {
  it('queues one reminder per sign-up for tomorrow, not before 18:00, honours opt-outs, and delivers each once with retries', async () => {
    const t = await createTestApp();
    const f = await registryFixture(t);
    const db = t.database.db;
    const shift = await addShift(t, f, { date: '2026-11-25', title: '上午入户走访' });
    const later = await addShift(t, f, { date: '2026-11-26', title: '后天的班次' });
    const vs = [
      await addVolunteer(t, { townshipId: f.x.id }),
      await addVolunteer(t, { townshipId: f.x.id }),
      await addVolunteer(t, { townshipId: f.x.id }),
    ];
    const now = new Date();
    for (const [i, v] of vs.entries()) {
      await db.insert(s.shiftSignups).values({
        shiftId: shift.id,
        volunteerId: v.id,
        status: i === 2 ? 'waitlisted' : 'confirmed',
        position: i + 1,
        createdAt: now,
        updatedAt: now,
      });
      await db.insert(s.shiftSignups).values({
        shiftId: later.id,
        volunteerId: v.id,
        status: 'confirmed',
        position: i + 1,
        createdAt: now,
        updatedAt: now,
      });
    }
    const optedOut = await addVolunteer(t, { townshipId: f.x.id });
    await db.insert(s.shiftSignups).values({
      shiftId: shift.id,
      volunteerId: optedOut.id,
      status: 'confirmed',
      position: 9,
      createdAt: now,
      updatedAt: now,
    });
    await db.insert(s.notificationOptOuts).values({ volunteerId: optedOut.id, channel: 'sms', createdAt: now });

    const ctx = (iso: string, extra = {}) => ({
      db,
      config: t.config,
      logger: memoryLogger(),
      now: new Date(iso),
      ...extra,
    });
    // Run by hand on the 24th at 10:00 Shanghai, then again at 18:00: two reminders (confirmed, not opted out), once.
    expect(await shiftRemindersJob.run(ctx('2026-11-24T02:00:00Z'))).toEqual({ date: '2026-11-25', queued: 2 });
    expect(await shiftRemindersJob.run(ctx('2026-11-24T10:00:00Z'))).toEqual({ date: '2026-11-25', queued: 0 });
    const queued = await db.select().from(s.outbox);
    expect(queued.map((m) => m.volunteerId).sort()).toEqual([vs[0].id, vs[1].id].sort());
    expect(queued[0].body).toBe('提醒：您报名的班次「2026-11-25 08:30 上午入户走访」在明天，地点：花石村委会。');
    expect(queued[0].nextAttemptAt.toISOString()).toBe('2026-11-24T10:00:00.000Z');

    const gw = await gateway(2);
    const senders = { sms: webhookSender(gw.url) };
    try {
      // 17:00: nothing due yet.
      expect(await deliverOutboxJob.run(ctx('2026-11-24T09:00:00Z', { senders }))).toEqual({
        claimed: 0,
        sent: 0,
        logged: 0,
        retried: 0,
        failed: 0,
      });
      // 18:00: two runners on two connections at once; the gateway refuses the first two requests.
      const other = await openDatabase(`file:${t.dbPath}`);
      const first = await Promise.all([
        deliverOutboxJob.run(ctx('2026-11-24T10:00:00Z', { senders })),
        deliverOutboxJob.run({ ...ctx('2026-11-24T10:00:00Z', { senders }), db: other.db }),
      ]);
      other.close();
      expect(first.reduce((a, r) => a + Number(r.claimed), 0)).toBe(2);
      expect(first.reduce((a, r) => a + Number(r.retried), 0)).toBe(2);
      // Not due again until the backoff (1 minute) has passed.
      expect(await deliverOutboxJob.run(ctx('2026-11-24T10:00:30Z', { senders }))).toMatchObject({ claimed: 0 });
      expect(await deliverOutboxJob.run(ctx('2026-11-24T10:01:00Z', { senders }))).toMatchObject({
        claimed: 2,
        sent: 2,
      });
      expect(await deliverOutboxJob.run(ctx('2026-11-24T11:00:00Z', { senders }))).toMatchObject({ claimed: 0 });
    } finally {
      gw.server.close();
    }
    expect(gw.received).toHaveLength(2);
    expect(new Set(gw.received.map((r) => r.key)).size).toBe(2);
    const done = await db.select().from(s.outbox).where(eq(s.outbox.status, 'sent'));
    expect(done.map((m) => m.attempts)).toEqual([2, 2]);
  });

  it('gives up after the last attempt and marks the message failed', async () => {
    const t = await createTestApp();
    const f = await registryFixture(t);
    const v = await addVolunteer(t, { townshipId: f.x.id });
    const db = t.database.db;
    await db.insert(s.outbox).values({
      volunteerId: v.id,
      channel: 'sms',
      recipient: '13700000000',
      subject: 's',
      body: 'b',
      nextAttemptAt: new Date(0),
      idempotencyKey: 'k1',
      createdAt: new Date(0),
    });
    const gw = await gateway(100);
    try {
      let at = Date.parse('2026-11-24T10:00:00Z');
      for (let i = 0; i < 10; i++) {
        await deliverOutboxJob.run({
          db,
          config: t.config,
          logger: memoryLogger(),
          now: new Date(at),
          senders: { sms: webhookSender(gw.url) },
        });
        at += 86_400_000;
      }
    } finally {
      gw.server.close();
    }
    const [row] = await db.select().from(s.outbox);
    expect(row).toMatchObject({ status: 'failed', attempts: 6, lastError: 'webhook answered 503' });
    expect(gw.received).toHaveLength(0);
  });
});
