import { describe, expect, it } from 'vitest';
import { jobRuns, serviceDays, shifts } from '../../src/db/schema/index.js';
import { JOBS } from '../../src/jobs/registry.js';
import { catchUp } from '../../src/jobs/runner.js';
import { createTestApp } from '../setup/app.js';
import { registryFixture } from '../setup/registry.js';

describe('restart catch-up', () => {
  it('runs every job once at start; a second start the same day creates nothing twice', async () => {
    const t = await createTestApp();
    await registryFixture(t);
    const ctx = { db: t.database.db, now: new Date('2026-11-20T01:00:00Z'), config: t.config, logger: t.logger };
    await catchUp(JOBS, ctx);
    const days = await t.database.db.select().from(serviceDays).all();
    // This month's and the next two months' 24th and 25th, in Asia/Shanghai.
    expect(days.map((d) => d.date).sort()).toEqual([
      '2026-11-24',
      '2026-11-25',
      '2026-12-24',
      '2026-12-25',
      '2027-01-24',
      '2027-01-25',
    ]);
    const shiftCount = await t.database.db.$count(shifts);
    expect(shiftCount).toBeGreaterThan(0);
    await catchUp(JOBS, { ...ctx, now: new Date('2026-11-20T05:00:00Z') });
    expect(await t.database.db.$count(serviceDays)).toBe(days.length);
    expect(await t.database.db.$count(shifts)).toBe(shiftCount);
    expect((await t.database.db.select().from(jobRuns).all()).filter((r) => r.job === 'service-days')).toHaveLength(1);
    expect(t.logger.lines.filter((l) => l.event === 'job_failed')).toEqual([]);
  });
});
