import type { IncubationStage } from './vocabulary.js';

/**
 * Incubation moves forward only: 申请 (applied) → 入驻孵化 (incubating) → 出壳 (graduated), and 退出 (withdrawn)
 * from any stage before it. Nothing comes back from withdrawn.
 */
const NEXT: Readonly<Record<IncubationStage, readonly IncubationStage[]>> = {
  applied: ['incubating', 'withdrawn'],
  incubating: ['graduated', 'withdrawn'],
  graduated: ['withdrawn'],
  withdrawn: [],
};

export type StageRefusal = 'notForward' | 'beforeLast' | 'future';

/** The stages an organisation may move to from its current one. */
export function nextStages(current: IncubationStage | null): readonly IncubationStage[] {
  return current === null ? ['applied'] : NEXT[current];
}

/**
 * Whether a dated stage change is allowed: forward only, dated no earlier than the last recorded change and not
 * after today (a stage is recorded when it happened, not planned).
 */
export function checkStageChange(
  current: IncubationStage | null,
  next: IncubationStage,
  on: string,
  lastOn: string | null,
  today: string,
): StageRefusal | null {
  if (!nextStages(current).includes(next)) return 'notForward';
  if (lastOn !== null && on < lastOn) return 'beforeLast';
  if (on > today) return 'future';
  return null;
}

/**
 * Admissions per year: each organisation counts once, in the year of the date it entered incubation. Every year
 * from the first admission (or `fromYear`, if earlier) to `toYear` is listed, a year without admissions as 0.
 */
export function intakePerYear(admittedOn: readonly string[], toYear: number, fromYear = toYear) {
  const years = admittedOn.map((d) => Number(d.slice(0, 4)));
  const first = Math.min(fromYear, ...years);
  const out: { year: number; count: number }[] = [];
  for (let y = first; y <= toYear; y++) out.push({ year: y, count: years.filter((x) => x === y).length });
  return out;
}
