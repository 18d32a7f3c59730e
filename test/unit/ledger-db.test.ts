import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { activities, activityTargets, ledgerLines } from '../../src/db/schema/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { type ActivityInput, recordActivity, reverseLine } from '../../src/modules/ledger/service.js';
import { createTestApp, type TestApp } from '../setup/app.js';
import { cash, goods, organisation, recipient, township } from '../setup/ledger-fixtures.js';

let t: TestApp;
let input: ActivityInput;
beforeEach(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const tw = await township(db, '易俗河镇');
  const org = await organisation(db, '爱心社', 'social_org', null);
  const r = await recipient(db, cipherFor(t.config), '张三', tw);
  input = {
    organisationId: org,
    occurredOn: '2026-11-24',
    kind: 'home_visit',
    serviceDayId: null,
    shiftId: null,
    note: null,
    recipientIds: [r],
    nursingHomeIds: [],
    lines: [cash(20000), goods('大米', 15050, 2)],
  };
});

/** The database's own message (drizzle wraps it as the cause of its query error). */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { cause?: Error };
    return `${err.message} ${err.cause?.message ?? ''}`;
  }
  return 'no error';
}

const meta = (key: string) => ({ idempotencyKey: key, actorUserId: null, now: new Date('2026-11-24T03:00:00Z') });

describe('the ledger in the database', () => {
  it('refuses UPDATE and DELETE on ledger lines, activities and targets', async () => {
    const db = t.database.db;
    const res = await recordActivity(db, input, meta('k1'));
    expect(res.ok).toBe(true);
    expect(await failure(db.run(sql`UPDATE ledger_lines SET amount_fen = 1`))).toMatch(/ledger_append_only/);
    expect(await failure(db.run(sql`DELETE FROM ledger_lines`))).toMatch(/ledger_append_only/);
    expect(await failure(db.update(activities).set({ note: 'x' }))).toMatch(/ledger_append_only/);
    expect(await failure(db.delete(activities))).toMatch(/ledger_append_only/);
    expect(await failure(db.delete(activityTargets))).toMatch(/ledger_append_only/);
    const lines = await db.select().from(ledgerLines);
    expect(lines.map((l) => l.amountFen).sort((a, b) => a - b)).toEqual([15050, 20000]);
  });

  it('reverses a line once only, with its replacement, and refuses a hand-made reversal that does not mirror', async () => {
    const db = t.database.db;
    const res = await recordActivity(db, input, meta('k2'));
    if (!res.ok) throw new Error('not recorded');
    const [line] = await db.select().from(ledgerLines).where(eq(ledgerLines.kind, 'cash'));
    const first = await reverseLine(db, line, cash(18000), { reason: '金额录错', actorUserId: null, now: new Date() });
    expect(first.ok).toBe(true);
    const second = await reverseLine(db, line, cash(1), { reason: 'again', actorUserId: null, now: new Date() });
    expect(second).toEqual({ ok: false, reason: 'already_reversed' });
    const cashLines = await db.select().from(ledgerLines).where(eq(ledgerLines.kind, 'cash'));
    expect(cashLines.map((l) => l.amountFen).sort((a, b) => a - b)).toEqual([-20000, 18000, 20000]);
    // The constraint itself, not only the service: a direct second reversal is refused by the database.
    expect(
      await failure(
        db.run(sql`INSERT INTO ledger_lines (activity_id, kind, amount_fen, reverses_line_id, occurred_on, organisation_id, township_id, write_nonce, created_at)
        VALUES (${line.activityId}, 'cash', -20000, ${line.id}, ${line.occurredOn}, ${line.organisationId}, ${line.townshipId}, 'x', 0)`),
      ),
    ).toMatch(/UNIQUE/);
    const [goodsLine] = await db.select().from(ledgerLines).where(eq(ledgerLines.kind, 'goods'));
    expect(
      await failure(
        db.run(sql`INSERT INTO ledger_lines (activity_id, kind, amount_fen, reverses_line_id, occurred_on, organisation_id, township_id, write_nonce, created_at)
        VALUES (${goodsLine.activityId}, 'goods', -1, ${goodsLine.id}, ${goodsLine.occurredOn}, ${goodsLine.organisationId}, ${goodsLine.townshipId}, 'x', 0)`),
      ),
    ).toMatch(/ledger_bad_reversal/);
  });

  it('records once for 10 concurrent identical submits and refuses the key with other content', async () => {
    const db = t.database.db;
    const results = await Promise.all(Array.from({ length: 10 }, () => recordActivity(db, input, meta('same-key'))));
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = new Set(results.map((r) => (r.ok ? r.id : 0)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1);
    expect(await db.select().from(activities)).toHaveLength(1);
    expect(await db.select().from(ledgerLines)).toHaveLength(2);
    expect(await db.select().from(activityTargets)).toHaveLength(1);
    const other = await recordActivity(db, { ...input, lines: [cash(1)] }, meta('same-key'));
    expect(other).toEqual({ ok: false, reason: 'key_reused' });
    expect(await db.select().from(ledgerLines)).toHaveLength(2);
  });
});
