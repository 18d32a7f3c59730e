/**
 * The planning kernel: the visit planner's problem stripped to ids and integers, in the JSON shape
 * `plan solve` reads. The app's planner (planner.ts) is this kernel fed by the domain rules, so a kernel answer
 * and its proof are the app's. Types, the input check and the exact scorer live here; solving is in solve.ts.
 */

export interface KernelVolunteer {
  id: number;
  capacity: number;
}

export interface KernelRecipient {
  id: number;
  /** Distinct volunteers a visit needs: 1, or 2 (escort to hospital). */
  visitors: 1 | 2;
  /** Already computed by the domain rules (overdue days and care level); higher is more urgent. */
  priority: number;
}

/** An allowed volunteer–recipient pair and its travel (100 m units with continuity); a pair absent is not allowed. */
export type KernelPair = readonly [volunteerId: number, recipientId: number, travel: number];

export interface KernelAssignment {
  volunteerId: number;
  recipientId: number;
}

export interface KernelInstance {
  volunteers: readonly KernelVolunteer[];
  recipients: readonly KernelRecipient[];
  pairs: readonly KernelPair[];
  pins: readonly KernelAssignment[];
}

/** Compared lexicographically: more covered, then more priority, then less travel. */
export interface KernelObjective {
  covered: number;
  priority: number;
  travel: number;
}

/**
 * How far the answer may be from the optimum, tier by tier: at most `covered` more recipients could be covered;
 * among plans covering as many, at most `priority` more priority; among those, at most `travel` less travel.
 * A tier is null when the tier above is not proven, so nothing can be said about it. All zero: optimal.
 */
export interface KernelGap {
  covered: number;
  priority: number | null;
  travel: number | null;
}

export interface KernelAnswer {
  objective: KernelObjective;
  assignments: KernelAssignment[];
  optimal: boolean;
  gap: KernelGap;
}

export const ZERO_GAP: KernelGap = { covered: 0, priority: 0, travel: 0 };

/** A kernel instance that breaks the format's rules; `code` names the rule for messages, `detail` the culprit. */
export class KernelInputError extends Error {
  constructor(
    readonly code:
      | 'duplicateVolunteer'
      | 'duplicateRecipient'
      | 'duplicatePair'
      | 'unknownVolunteer'
      | 'unknownRecipient'
      | 'pinNotAllowed'
      | 'duplicatePin'
      | 'pinOverCapacity'
      | 'pinOverVisitors'
      | 'tooLarge',
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

/** Checks the rules a JSON schema cannot (ids, pairs, pins); throws KernelInputError on the first broken one. */
export function checkKernel(instance: KernelInstance): void {
  const vIds = new Map<number, KernelVolunteer>();
  for (const v of instance.volunteers) {
    if (vIds.has(v.id)) throw new KernelInputError('duplicateVolunteer', String(v.id));
    vIds.set(v.id, v);
  }
  const rIds = new Map<number, KernelRecipient>();
  for (const r of instance.recipients) {
    if (rIds.has(r.id)) throw new KernelInputError('duplicateRecipient', String(r.id));
    rIds.set(r.id, r);
  }
  // Nested maps, not "v:r" strings: a county has half a million pairs.
  const pairs = new Map<number, Set<number>>();
  for (const [v, r] of instance.pairs) {
    if (!vIds.has(v)) throw new KernelInputError('unknownVolunteer', String(v));
    if (!rIds.has(r)) throw new KernelInputError('unknownRecipient', String(r));
    let mine = pairs.get(v);
    if (!mine) {
      mine = new Set();
      pairs.set(v, mine);
    }
    if (mine.has(r)) throw new KernelInputError('duplicatePair', `${v}:${r}`);
    mine.add(r);
  }
  const pins = new Set<string>();
  const load = new Map<number, number>();
  const visitors = new Map<number, number>();
  for (const p of instance.pins) {
    const key = `${p.volunteerId}:${p.recipientId}`;
    if (!pairs.get(p.volunteerId)?.has(p.recipientId)) throw new KernelInputError('pinNotAllowed', key);
    if (pins.has(key)) throw new KernelInputError('duplicatePin', key);
    pins.add(key);
    load.set(p.volunteerId, (load.get(p.volunteerId) ?? 0) + 1);
    if (load.get(p.volunteerId)! > vIds.get(p.volunteerId)!.capacity)
      throw new KernelInputError('pinOverCapacity', String(p.volunteerId));
    visitors.set(p.recipientId, (visitors.get(p.recipientId) ?? 0) + 1);
    if (visitors.get(p.recipientId)! > rIds.get(p.recipientId)!.visitors)
      throw new KernelInputError('pinOverVisitors', String(p.recipientId));
  }
}

/**
 * The objective of a set of assignments, after checking every rule of the format (allowed pair, capacity,
 * distinct visitors, never more than needed, short of visitors only when all of them are pinned); throws on a
 * violation. Exact integers: this is what the kernel answers with, whatever solver found the plan.
 */
export function scoreKernel(instance: KernelInstance, assignments: readonly KernelAssignment[]): KernelObjective {
  // Only the assigned pairs' travel is needed: look them up in one pass over the pairs.
  const wanted = new Set(assignments.map((a) => `${a.volunteerId}:${a.recipientId}`));
  const byVolunteer = new Map<number, Set<number>>();
  for (const a of assignments) {
    let mine = byVolunteer.get(a.volunteerId);
    if (!mine) {
      mine = new Set();
      byVolunteer.set(a.volunteerId, mine);
    }
    mine.add(a.recipientId);
  }
  const travelOf = new Map<string, number>();
  for (const [v, r, t] of instance.pairs) if (byVolunteer.get(v)?.has(r)) travelOf.set(`${v}:${r}`, t);
  if (wanted.size !== assignments.length) throw new Error('an assignment appears twice');
  const capacity = new Map(instance.volunteers.map((v) => [v.id, v.capacity]));
  const byId = new Map(instance.recipients.map((r) => [r.id, r]));
  const pinned = new Set(instance.pins.map((p) => `${p.volunteerId}:${p.recipientId}`));
  const load = new Map<number, number>();
  const seen = new Set<string>();
  const people = new Map<number, { all: number; unpinned: number }>();
  let travel = 0;
  for (const a of assignments) {
    const key = `${a.volunteerId}:${a.recipientId}`;
    const t = travelOf.get(key);
    if (t === undefined) throw new Error(`assignment ${key} is not an allowed pair`);
    if (seen.has(key)) throw new Error(`assignment ${key} appears twice`);
    seen.add(key);
    travel += t;
    load.set(a.volunteerId, (load.get(a.volunteerId) ?? 0) + 1);
    if (load.get(a.volunteerId)! > capacity.get(a.volunteerId)!)
      throw new Error(`volunteer ${a.volunteerId} over capacity`);
    const p = people.get(a.recipientId) ?? { all: 0, unpinned: 0 };
    p.all++;
    if (!pinned.has(key)) p.unpinned++;
    people.set(a.recipientId, p);
  }
  for (const key of pinned) if (!seen.has(key)) throw new Error(`pin ${key} is missing`);
  let covered = 0;
  let priority = 0;
  for (const [id, p] of people) {
    const r = byId.get(id)!;
    if (p.all > r.visitors) throw new Error(`recipient ${id} has too many visitors`);
    if (p.all === r.visitors) {
      covered++;
      priority += r.priority;
    } else if (p.unpinned > 0) throw new Error(`recipient ${id} is half visited by an unpinned volunteer`);
  }
  return { covered, priority, travel };
}

/** -1, 0, 1 as `a` is worse than, equal to, or better than `b`. */
export function compareKernel(a: KernelObjective, b: KernelObjective): number {
  if (a.covered !== b.covered) return a.covered > b.covered ? 1 : -1;
  if (a.priority !== b.priority) return a.priority > b.priority ? 1 : -1;
  if (a.travel !== b.travel) return a.travel < b.travel ? 1 : -1;
  return 0;
}
