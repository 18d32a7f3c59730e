import type { CareLevel } from '../vocabulary.js';

/** A volunteer confirmed on a shift, as the planner sees them. */
export interface PlanVolunteer {
  id: number;
  townshipId: number;
  villageId?: number | null;
  lat?: number | null;
  lng?: number | null;
  skills: readonly string[];
  /** Households per shift; default 4. */
  capacity?: number;
  /** Recipients who asked not to be visited by this volunteer (e.g. a relationship). */
  excludedBy?: readonly number[];
}

/** A recipient due a visit. */
export interface PlanRecipient {
  id: number;
  townshipId: number;
  villageId?: number | null;
  lat?: number | null;
  lng?: number | null;
  careLevel: CareLevel;
  daysOverdue: number;
  /** A weight set by the caller's rule (the service-day coverage rule): used instead of overdue days and care level. */
  priority?: number;
  /** Skills every visitor must hold (e.g. counselling). */
  needsSkills?: readonly string[];
  /** 2 when the visit needs two visitors (escort to hospital); default 1. */
  visitors?: 1 | 2;
  lastVisitorId?: number | null;
}

export interface Assignment {
  volunteerId: number;
  recipientId: number;
}

export interface PlanOptions {
  /** Township pairs whose volunteers may cross over (either direction). */
  neighbouring?: readonly (readonly [number, number])[];
  /** Assignments fixed by the coordinator; the rest is planned around them. */
  pins?: readonly Assignment[];
}

/** The objective, compared lexicographically: more covered, more priority, less travel. */
export interface Objective {
  covered: number;
  priority: number;
  /** Travel units (100 m) with the continuity discount applied; lower is better. */
  travel: number;
}

export interface Plan {
  assignments: Assignment[];
  /** Recipients fully visited (both visitors when two are needed). */
  covered: number[];
  /** Recipients with pins that could not be completed to the visitors they need. */
  incomplete: number[];
  objective: Objective;
}

export const DEFAULT_CAPACITY = 4;
/** Beyond 30 days every recipient is equally urgent: it keeps the weights bounded. */
export const OVERDUE_CAP = 30;
export const TRAVEL_CAP = 300;
/** Travel units when coordinates are missing: same village, same township, neighbouring township. */
export const TRAVEL_SAME_VILLAGE = 0;
export const TRAVEL_SAME_TOWNSHIP = 30;
export const TRAVEL_OTHER_TOWNSHIP = 100;
/** Not the volunteer who came last time: as if 2 km further away. */
export const CONTINUITY_PENALTY = 20;

const LEVEL_RANK: Record<CareLevel, number> = { full: 2, partial: 1, self: 0 };

/** Priority of covering a recipient: the given weight, else days overdue then full > partial > self; always ≥ 1. */
export function priorityOf(r: PlanRecipient): number {
  if (r.priority !== undefined) return Math.max(1, Math.floor(r.priority));
  const overdue = Math.min(Math.max(0, Math.floor(r.daysOverdue)), OVERDUE_CAP);
  return overdue * 3 + LEVEL_RANK[r.careLevel] + 1;
}
/** The largest priority from overdue days and care level (a weight given by the caller may be larger). */
export const MAX_PRIORITY = OVERDUE_CAP * 3 + 3;

export function visitorsOf(r: PlanRecipient): 1 | 2 {
  return r.visitors ?? 1;
}

export function capacityOf(v: PlanVolunteer): number {
  return v.capacity ?? DEFAULT_CAPACITY;
}

function haversineKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Travel units (100 m, capped) between a volunteer and a recipient. */
export function travelUnits(v: PlanVolunteer, r: PlanRecipient): number {
  if (v.lat != null && v.lng != null && r.lat != null && r.lng != null) {
    return Math.min(TRAVEL_CAP, Math.round(haversineKm(v.lat, v.lng, r.lat, r.lng) * 10));
  }
  if (v.townshipId !== r.townshipId) return TRAVEL_OTHER_TOWNSHIP;
  if (v.villageId != null && v.villageId === r.villageId) return TRAVEL_SAME_VILLAGE;
  return TRAVEL_SAME_TOWNSHIP;
}

/** The cost of one assignment in the travel tier: distance plus the continuity penalty. */
export function edgeCost(v: PlanVolunteer, r: PlanRecipient): number {
  return travelUnits(v, r) + (r.lastVisitorId === v.id ? 0 : CONTINUITY_PENALTY);
}
export const MAX_EDGE_COST = TRAVEL_CAP + CONTINUITY_PENALTY;

/** Township pairs as a lookup set ("a:b" with a ≤ b). */
export function neighbourSet(pairs: PlanOptions['neighbouring'] = []): Set<string> {
  return new Set(pairs.map(([a, b]) => (a <= b ? `${a}:${b}` : `${b}:${a}`)));
}

/** The hard constraints on one volunteer–recipient pair (capacity and visitor count are checked per plan). */
export function eligible(v: PlanVolunteer, r: PlanRecipient, neighbours: Set<string>): boolean {
  if (v.townshipId !== r.townshipId) {
    const key = v.townshipId <= r.townshipId ? `${v.townshipId}:${r.townshipId}` : `${r.townshipId}:${v.townshipId}`;
    if (!neighbours.has(key)) return false;
  }
  if (v.excludedBy?.includes(r.id)) return false;
  for (const s of r.needsSkills ?? []) if (!v.skills.includes(s)) return false;
  return true;
}

/** -1, 0, 1 as `a` is worse than, equal to, or better than `b`. */
export function compareObjective(a: Objective, b: Objective): number {
  if (a.covered !== b.covered) return a.covered > b.covered ? 1 : -1;
  if (a.priority !== b.priority) return a.priority > b.priority ? 1 : -1;
  if (a.travel !== b.travel) return a.travel < b.travel ? 1 : -1;
  return 0;
}

/**
 * Scores a set of assignments and checks every hard constraint; throws on a violation, so tests and
 * callers can trust a plan that scores. Travel counts every assignment, covered or not.
 */
export function evaluate(
  volunteers: readonly PlanVolunteer[],
  recipients: readonly PlanRecipient[],
  assignments: readonly Assignment[],
  options: PlanOptions = {},
): { objective: Objective; covered: number[]; incomplete: number[] } {
  const vById = new Map(volunteers.map((v) => [v.id, v]));
  const rById = new Map(recipients.map((r) => [r.id, r]));
  const neighbours = neighbourSet(options.neighbouring);
  const load = new Map<number, number>();
  const visitors = new Map<number, Set<number>>();
  let travel = 0;
  for (const a of assignments) {
    const v = vById.get(a.volunteerId);
    const r = rById.get(a.recipientId);
    if (!v || !r) throw new Error(`unknown volunteer or recipient in ${JSON.stringify(a)}`);
    if (!eligible(v, r, neighbours)) throw new Error(`ineligible assignment ${JSON.stringify(a)}`);
    const set = visitors.get(r.id) ?? new Set<number>();
    if (set.has(v.id)) throw new Error(`duplicate assignment ${JSON.stringify(a)}`);
    set.add(v.id);
    visitors.set(r.id, set);
    load.set(v.id, (load.get(v.id) ?? 0) + 1);
    if (load.get(v.id)! > capacityOf(v)) throw new Error(`volunteer ${v.id} over capacity`);
    if (set.size > visitorsOf(r)) throw new Error(`recipient ${r.id} has too many visitors`);
    travel += edgeCost(v, r);
  }
  const covered: number[] = [];
  const incomplete: number[] = [];
  let priority = 0;
  for (const [rid, set] of visitors) {
    const r = rById.get(rid)!;
    if (set.size === visitorsOf(r)) {
      covered.push(rid);
      priority += priorityOf(r);
    } else incomplete.push(rid);
  }
  covered.sort((a, b) => a - b);
  incomplete.sort((a, b) => a - b);
  return { objective: { covered: covered.length, priority, travel }, covered, incomplete };
}
