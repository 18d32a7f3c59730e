import { describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { countySize } from '../../src/demo/generate.js';
import { seedDemo } from '../../src/demo/seed.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { ALL } from '../../src/lib/scope.js';
import { agreementTallies, totalOf } from '../../src/modules/recipients/agreements.js';
import { createTestApp } from '../setup/app.js';

describe('the demo county’s care agreements', () => {
  it('are three-party in nursing homes and four-party at home, never signed in the future, and counted as they are', async () => {
    const t = await createTestApp();
    // Seeded on 10 January 2026: generated signing dates later in 2026 must have been moved back.
    const now = new Date('2026-01-10T02:00:00Z');
    await seedDemo({ db: t.database.db, cipher: cipherFor(t.config), now }, { size: countySize(0.1) });
    const rows = await t.database.db.select().from(s.recipients).all();
    const signed = rows.filter((r) => r.agreementKind !== null);
    expect(signed.length).toBeGreaterThan(rows.length * 0.9);
    for (const r of signed) {
      expect(r.agreementKind).toBe(r.supportMode === 'institution' ? 'three' : 'four');
      expect(r.agreementSignedOn! <= '2026-01-10', r.agreementSignedOn!).toBe(true);
      expect(r.agreementEndsOn).toBeNull();
    }
    // What the dashboard shows, against the rows counted here: every signed one is valid, the rest are missing.
    const total = totalOf(await agreementTallies({ db: t.database.db, scope: ALL, today: '2026-01-10' }));
    expect(total).toEqual({
      active: rows.length,
      ok: signed.length,
      missing: rows.length - signed.length,
      expired: 0,
      mismatch: 0,
    });
    expect(total.missing).toBeGreaterThan(0); // the demo keeps a few unsigned, so the warning card has something
  });
});
