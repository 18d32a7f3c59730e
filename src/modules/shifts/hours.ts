import type { WorkKind } from '../../db/schema/index.js';

type RecordRow = { date: string; organisation: string; title: string; workKind: WorkKind; minutes: number | null };

/**
 * One rounding rule and one format for every hour figure of the certificate and the hours page: each
 * shift's minutes become tenths of an hour, half up, in integers; a total is the sum of the tenths it lists, so the
 * table adds up as printed; every figure shows one decimal ("3.0", never "3" beside "3.3").
 */
export const tenthsOfHour = (minutes: number) => Math.floor((Math.max(0, minutes) * 10 + 30) / 60);
export const formatTenths = (tenths: number) => `${Math.trunc(tenths / 10)}.${tenths % 10}`;

export interface ServiceTotals {
  byYear: { key: string; hours: string }[];
  byMonth: { key: string; hours: string }[];
}

export function serviceTotals(rows: RecordRow[]): ServiceTotals {
  const sum = (len: number) => {
    const m = new Map<string, number>();
    for (const r of rows)
      m.set(r.date.slice(0, len), (m.get(r.date.slice(0, len)) ?? 0) + tenthsOfHour(r.minutes ?? 0));
    return [...m].sort(([a], [b]) => b.localeCompare(a)).map(([key, t]) => ({ key, hours: formatTenths(t) }));
  };
  return { byYear: sum(4), byMonth: sum(7) };
}
