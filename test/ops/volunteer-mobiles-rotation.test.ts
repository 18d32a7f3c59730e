import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { createCipher } from '../../src/lib/personal-data.js';
import { rotateKeys, rowsOffKey } from '../../src/ops/rotate-keys.js';
import { createTestApp } from '../setup/app.js';
import { storedMobile } from '../setup/mobiles.js';

describe("rotating keys over volunteers' mobiles", () => {
  it('moves every mobile and every queued text message onto the new key; the hash, and so the lookup, stays', async () => {
    const t = await createTestApp();
    const db = t.database.db;
    const now = t.clock.now();
    const rows = await db
      .insert(s.volunteers)
      .values(
        await Promise.all(
          ['13700000001', '13700000002', '13700000003'].map(async (m, i) => ({
            name: `志愿者${i}`,
            ...(await storedMobile(m)),
            createdAt: now,
            updatedAt: now,
          })),
        ),
      )
      .returning();
    await db.insert(s.outbox).values({
      volunteerId: rows[0].id,
      channel: 'sms',
      recipient: rows[0].mobileEnc,
      subject: '提醒',
      body: '明天的班次',
      nextAttemptAt: now,
      idempotencyKey: 'reminder:1',
      createdAt: now,
    });
    const ring = t.config.keys!;
    const next = createCipher({
      current: 2,
      keys: new Map([...ring.keys, [2, new Uint8Array(32).fill(7)]]),
      lookup: ring.lookup,
    });
    expect(await rowsOffKey(db, 2)).toMatchObject({ volunteers: 4 });
    const report = await rotateKeys(db, next, { now, batchSize: 2 });
    expect(report).toMatchObject({ keyVersion: 2, volunteers: 3, messages: 1 });
    expect(await rowsOffKey(db, 2)).toEqual({ recipients: 0, uploads: 0, volunteers: 0 });
    const after = await db.select().from(s.volunteers).orderBy(s.volunteers.id);
    for (const [i, v] of after.entries()) {
      expect(v.keyVersion).toBe(2);
      expect(v.mobileEnc).toMatch(/^v2:/);
      expect(await next.decrypt(v.mobileEnc)).toBe(`1370000000${i + 1}`);
      expect(v.mobileHash).toBe(rows[i].mobileHash);
    }
    const [sms] = await db.select().from(s.outbox).where(eq(s.outbox.volunteerId, rows[0].id));
    expect(await next.decrypt(sms.recipient)).toBe('13700000001');
    expect(sms.recipient).toMatch(/^v2:/);
  });
});
