import * as highsPackage from 'highs';
import { expect } from 'vitest';
import type { KernelAnswer, KernelInstance, KernelObjective } from '../../src/domain/matching/index.js';

type Loader = () => Promise<{
  solve(lp: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number };
}>;
const loadHighs = ((highsPackage as { default?: unknown }).default ?? highsPackage) as Loader;

/**
 * An independent optimum for the kernel's tests: the kernel's rules written as a plain MILP in CPLEX LP text (x per
 * allowed pair, y per recipient covered) and solved lexicographically by HiGHS's one-shot API, each stage at zero
 * gap: most covered, then most priority at that coverage, then least travel at both. Nothing of the planner's code
 * (flow, bounds, its own MILP port) is used.
 */
export async function milpOptimum(k: KernelInstance): Promise<KernelObjective> {
  const highs = await loadHighs();
  const pinned = new Set(k.pins.map((p) => `${p.volunteerId}:${p.recipientId}`));
  const x = (v: number, r: number) => `x_${v}_${r}`;
  const rows: string[] = [];
  for (const v of k.volunteers) {
    const mine = k.pairs.filter((p) => p[0] === v.id).map((p) => x(p[0], p[1]));
    if (mine.length) rows.push(`cap_${v.id}: ${mine.join(' + ')} <= ${v.capacity}`);
  }
  for (const r of k.recipients) {
    const pins = k.pins.filter((p) => p.recipientId === r.id).length;
    const open = k.pairs.filter((p) => p[1] === r.id && !pinned.has(`${p[0]}:${p[1]}`)).map((p) => x(p[0], p[1]));
    // Covered (y = 1): exactly the visitors still needed come from unpinned pairs; not covered: none do.
    const lhs = open.length
      ? `${open.join(' + ')} - ${r.visitors - pins} y_${r.id}`
      : `0 x_dummy - ${r.visitors - pins} y_${r.id}`;
    rows.push(`need_${r.id}: ${lhs} = 0`);
  }
  const bounds = [...k.pins.map((p) => `${x(p.volunteerId, p.recipientId)} = 1`), 'x_dummy = 0'];
  const binaries = [...k.pairs.map((p) => x(p[0], p[1])), ...k.recipients.map((r) => `y_${r.id}`)];
  const covered = k.recipients.map((r) => `y_${r.id}`).join(' + ') || '0 x_dummy';
  const priority = k.recipients.map((r) => `${r.priority} y_${r.id}`).join(' + ') || '0 x_dummy';
  const travel = k.pairs.map((p) => `${p[2]} ${x(p[0], p[1])}`).join(' + ') || '0 x_dummy';
  const solve = (sense: 'Maximize' | 'Minimize', objective: string, extra: string[]) => {
    const lp = [
      sense,
      ` obj: ${objective}`,
      'Subject To',
      ...[...rows, ...extra].map((row) => ` ${row}`),
      'Bounds',
      ...bounds.map((b) => ` ${b}`),
      'Binaries',
      ` ${binaries.join(' ')}`,
      'End',
    ].join('\n');
    const result = highs.solve(lp, { mip_rel_gap: 0, mip_abs_gap: 0.5, time_limit: 600 });
    if (result.Status !== 'Optimal') throw new Error(`independent MILP: ${result.Status}`);
    return Math.round(result.ObjectiveValue);
  };
  const c = solve('Maximize', covered, []);
  const p = solve('Maximize', priority, [`fix_c: ${covered} >= ${c}`]);
  const t = solve('Minimize', travel, [`fix_c: ${covered} >= ${c}`, `fix_p: ${priority} >= ${p}`]);
  return { covered: c, priority: p, travel: t };
}

/** Every rule of the format, checked here without the kernel's own scorer. */
export function expectFeasible(k: KernelInstance, answer: KernelAnswer) {
  const pair = new Map(k.pairs.map(([v, r, t]) => [`${v}:${r}`, t]));
  const pins = new Set(k.pins.map((p) => `${p.volunteerId}:${p.recipientId}`));
  const load = new Map<number, number>();
  const by = new Map<number, string[]>();
  for (const a of answer.assignments) {
    const key = `${a.volunteerId}:${a.recipientId}`;
    expect(pair.has(key)).toBe(true);
    load.set(a.volunteerId, (load.get(a.volunteerId) ?? 0) + 1);
    by.set(a.recipientId, [...(by.get(a.recipientId) ?? []), key]);
  }
  for (const p of pins) expect(answer.assignments.map((a) => `${a.volunteerId}:${a.recipientId}`)).toContain(p);
  for (const v of k.volunteers) expect(load.get(v.id) ?? 0).toBeLessThanOrEqual(v.capacity);
  let covered = 0;
  let priority = 0;
  for (const r of k.recipients) {
    const keys = by.get(r.id) ?? [];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeLessThanOrEqual(r.visitors);
    if (keys.length === r.visitors) {
      covered++;
      priority += r.priority;
    } else for (const key of keys) expect(pins.has(key)).toBe(true); // short only when every visitor is pinned
  }
  const travel = answer.assignments.reduce((s, a) => s + pair.get(`${a.volunteerId}:${a.recipientId}`)!, 0);
  expect(answer.objective).toEqual({ covered, priority, travel });
}
