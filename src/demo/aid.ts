import type { ActivityKind } from '../domain/vocabulary.js';
import type { Rng } from './generate.js';

/** One aid line as drawn, before the year's money is calibrated. */
export interface DrawnLine {
  kind: 'cash' | 'goods' | 'service';
  /** Relative weight of the money (cash, goods); calibrated into fen by `calibrate`. */
  weight: number;
  goods?: { name: string; quantity: number; unit: string };
  service?: { kind: string; centihours: number; volunteers: number };
}

/** One assistance event of the demo year, before it is recorded through the ledger service. */
export interface DrawnEvent {
  organisationId: number;
  occurredOn: string;
  kind: ActivityKind;
  shiftId: number | null;
  serviceDayId: number | null;
  recipientIds: number[];
  nursingHomeIds: number[];
  lines: DrawnLine[];
  note: string;
}

const GOODS = [
  { name: '大米', unit: '袋', per: [1, 2] },
  { name: '食用油', unit: '桶', per: [1, 2] },
  { name: '棉被', unit: '床', per: [1, 1] },
  { name: '牛奶', unit: '箱', per: [1, 3] },
  { name: '取暖器', unit: '台', per: [1, 1] },
] as const;
const SERVICES = ['探访关爱', '清洁打扫', '陪同就医', '心理疏导', '送餐送药'];

/** Cash and goods for each of `households` (goods in kind, cash in an envelope), plus the volunteers' hours. */
export function householdLines(r: Rng, households: number, hours?: { centihours: number; volunteers: number }) {
  const lines: DrawnLine[] = [];
  if (r.chance(0.7)) lines.push({ kind: 'cash', weight: households * (1 + r.next()) });
  const g = r.pick(GOODS);
  const quantity = households * r.int(g.per[0], g.per[1]);
  lines.push({ kind: 'goods', weight: households * (0.6 + r.next()), goods: { name: g.name, quantity, unit: g.unit } });
  if (hours && hours.centihours > 0)
    lines.push({ kind: 'service', weight: 0, service: { kind: r.pick(SERVICES), ...hours } });
  return lines;
}

/** A nursing home's event: equipment or winter supplies for the whole home, and an afternoon of service. */
export function nursingHomeLines(r: Rng): DrawnLine[] {
  return [
    {
      kind: 'goods',
      weight: 20 + 20 * r.next(),
      goods: { name: r.pick(['护理床', '洗衣机', '冬季被褥', '康复器材']), quantity: r.int(5, 30), unit: '件' },
    },
    {
      kind: 'service',
      weight: 0,
      service: { kind: r.pick(SERVICES), centihours: r.int(8, 20) * 100, volunteers: r.int(4, 10) },
    },
  ];
}

/** A Fisher–Yates shuffle driven by the seeded PRNG: the same --seed gives the same order. */
export function shuffle<T>(r: Rng, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Each household of `pool` goes to at least one event (so the year serves exactly the pool), then the events are
 * filled up to their size with other households of the pool. `sizes[i]` is event i's wanted size.
 */
export function spreadHouseholds(r: Rng, pool: readonly number[], sizes: readonly number[]): number[][] {
  const out = sizes.map(() => [] as number[]);
  if (!sizes.length) return out;
  for (const [i, id] of shuffle(r, pool).entries()) out[i % sizes.length].push(id);
  for (const [i, want] of sizes.entries()) {
    while (out[i].length < Math.min(want, pool.length)) {
      const id = r.pick(pool);
      if (!out[i].includes(id)) out[i].push(id);
    }
  }
  return out;
}

/**
 * Turns the drawn weights into fen so the year's cash and goods come to `targetFen` (the county's 866.7万元 by
 * default): whole yuan per line, at least one yuan. Deterministic for the same draw.
 */
export function calibrate(events: DrawnEvent[], targetFen: number): Map<DrawnLine, number> {
  const total = events.reduce((sum, e) => sum + e.lines.reduce((x, l) => x + l.weight, 0), 0);
  const out = new Map<DrawnLine, number>();
  for (const e of events)
    for (const l of e.lines) {
      if (l.kind === 'service') out.set(l, 0);
      else out.set(l, Math.max(100, Math.round((l.weight / total) * (targetFen / 100)) * 100));
    }
  return out;
}
