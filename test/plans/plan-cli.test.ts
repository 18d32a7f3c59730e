import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { type KernelInstance, scoreKernel } from '../../src/domain/matching/index.js';
import { createTestApp, loginAs } from '../setup/app.js';
import { runCli } from '../setup/cli.js';
import { TMP_DIR } from '../setup/paths.js';
import { planFixture } from '../setup/plans.js';

/** Runs `npm run --silent cli -- …` as an operator would (tsx src/cli.ts). */
const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { LANG: '', ...env });

const tmp = (name: string) => resolve(TMP_DIR, `${randomUUID()}-${name}`);

describe('plan export and plan solve', () => {
  it('exports a shift as ids and numbers only, and solving the file gives the app plan’s objective', async () => {
    const t = await createTestApp();
    t.clock.set('2026-11-25T01:00:00Z');
    const p = await planFixture(t);
    const coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
    expect((await coord.post(`/plans/${p.shift.id}/replan`)).status).toBe(303);
    // The coordinator pins one assignment: the export carries it.
    const [first] = await t.database.db.select().from(s.planAssignments).where(eq(s.planAssignments.published, false));
    expect((await coord.post(`/plans/${p.shift.id}/assignments/${first.id}/pin`)).status).toBe(303);

    const file = tmp('shift.json');
    const exported = await cli(['plan', 'export', String(p.shift.id), file], { DATABASE_URL: `file:${t.dbPath}` });
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ shiftId: p.shift.id, volunteers: 2, recipients: 6, pins: 1 });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/[\u4e00-\u9fff]/); // no names, villages or notes: ids and numbers only
    const k = JSON.parse(text) as KernelInstance;
    expect(Object.keys(k).sort()).toEqual(['pairs', 'pins', 'recipients', 'volunteers']);
    expect(k.pins).toEqual([{ volunteerId: first.volunteerId, recipientId: first.recipientId }]);
    expect(k.volunteers.map((v) => Object.keys(v).sort())).toEqual(k.volunteers.map(() => ['capacity', 'id']));

    const solved = await cli(['plan', 'solve', file, '--time-limit-ms', '5000']);
    expect(solved.code).toBe(0);
    const answer = JSON.parse(solved.stdout);
    expect(answer.optimal).toBe(true);
    expect(answer.gap).toEqual({ covered: 0, priority: 0, travel: 0 });
    const working = await t.database.db.select().from(s.planAssignments).where(eq(s.planAssignments.published, false));
    const appPlan = working.map((r) => ({ volunteerId: r.volunteerId, recipientId: r.recipientId }));
    expect(answer.objective).toEqual(scoreKernel(k, appPlan));
    expect(scoreKernel(k, answer.assignments)).toEqual(answer.objective);
    expect(answer.assignments).toContainEqual({ volunteerId: first.volunteerId, recipientId: first.recipientId });
  }, 60_000);

  it('refuses bad input with a message in Chinese (English with LANG=en) and exit code 1', async () => {
    const bad = tmp('bad.json');
    writeFileSync(bad, JSON.stringify({ volunteers: [{ id: 1, capacity: 1 }], recipients: [], pairs: [[1, 5, 0]] }));
    const unknown = await cli(['plan', 'solve', bad]);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('配对里的对象 5 不在 recipients 中');
    const shape = tmp('shape.json');
    writeFileSync(shape, JSON.stringify({ volunteers: [{ id: 1, capacity: -1 }], recipients: [], pairs: [] }));
    const negative = await cli(['plan', 'solve', shape], { LANG: 'en_US.UTF-8' });
    expect(negative.code).toBe(1);
    expect(negative.stderr).toContain('the instance is malformed: volunteers.0.capacity');
    const limit = await cli(['plan', 'solve', bad, '--time-limit-ms', '0']);
    expect(limit.code).toBe(1);
    expect(limit.stderr).toContain('--time-limit-ms 须为 1 到 600000 之间的整数');
    const missing = await cli(['plan', 'export', '999', tmp('x.json')], { DATABASE_URL: `file:${tmp('empty.db')}` });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('没有编号为 999 的班次');
  }, 60_000);
});
