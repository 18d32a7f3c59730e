import { FUNDING_SOURCES, type FundingSource, UNSPECIFIED_SOURCE } from '../../domain/vocabulary.js';
import type { ActivityInput } from './service.js';

export type SourceKey = FundingSource | typeof UNSPECIFIED_SOURCE;

export interface SourceTotals {
  source: SourceKey;
  cashFen: number;
  goodsFen: number;
  centihours: number;
}

/** What an activities import would create, for its preview: the activities, their lines, the aid by source. */
export interface ActivityFigures {
  activities: number;
  lines: number;
  bySource: SourceTotals[];
  total: Omit<SourceTotals, 'source'>;
}

/** Adds up the new activities' lines by funding source, in the vocabulary's order, 未注明 last. */
export function figuresOf(inputs: ActivityInput[]): ActivityFigures {
  const order: SourceKey[] = [...FUNDING_SOURCES, UNSPECIFIED_SOURCE];
  const by = new Map<SourceKey, SourceTotals>();
  const total = { cashFen: 0, goodsFen: 0, centihours: 0 };
  let lines = 0;
  for (const l of inputs.flatMap((i) => i.lines)) {
    lines += 1;
    const source = l.fundingSource ?? UNSPECIFIED_SOURCE;
    const s = by.get(source) ?? { source, cashFen: 0, goodsFen: 0, centihours: 0 };
    by.set(source, s);
    for (const into of [s, total]) {
      if (l.kind === 'cash') into.cashFen += l.amountFen;
      else if (l.kind === 'goods') into.goodsFen += l.amountFen;
      else into.centihours += l.serviceCentihours;
    }
  }
  const bySource = order.map((k) => by.get(k)).filter((s) => s !== undefined);
  return { activities: inputs.length, lines, bySource, total };
}
