import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { createTestApp } from '../setup/app.js';
import { runCli } from '../setup/cli.js';
import { planFixture } from '../setup/plans.js';

/** Runs `npm run --silent cli -- …` as an operator would (tsx src/cli.ts). */
const cli = (args: string[], env: Record<string, string>) => runCli(args, { LANG: '', ...env });

describe('coverage set / show', () => {
  it('sets the county’s period and a township’s, audited, and refuses bad input changing nothing', async () => {
    const t = await createTestApp();
    t.clock.set('2026-11-25T01:00:00Z');
    const p = await planFixture(t);
    const env = { DATABASE_URL: `file:${t.dbPath}` };

    const county = await cli(['coverage', 'set', '6'], env);
    expect(county.stderr).toBe('');
    expect(JSON.parse(county.stdout)).toEqual({ townshipId: null, months: 6 });
    const township = await cli(['coverage', 'set', '1', '--township', String(p.f.x.id)], env);
    expect(township.code).toBe(0);
    // Setting the township again replaces its row rather than adding one.
    expect((await cli(['coverage', 'set', '2', '--township', String(p.f.x.id)], env)).code).toBe(0);
    const shown = await cli(['coverage', 'show'], env);
    expect(JSON.parse(shown.stdout)).toEqual({ county: 6, townships: [{ townshipId: p.f.x.id, months: 2 }] });
    const audits = await t.database.db.select().from(s.auditLog).where(eq(s.auditLog.entity, 'coverage_periods'));
    expect(audits.map((a) => a.changes)).toEqual([{ months: 6 }, { months: 1 }, { months: 2 }]);

    const before = await t.database.db.select().from(s.coveragePeriods);
    const bad = await cli(['coverage', 'set', '5'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('用法：coverage set');
    const unknown = await cli(['coverage', 'set', '3', '--township', '999999'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('没有编号为 999999 的乡镇');
    expect(await t.database.db.select().from(s.coveragePeriods)).toEqual(before);
  }, 180_000);
});
