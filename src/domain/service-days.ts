import { businessDate } from './dates.js';

/**
 * The service-day dates of the Shanghai month holding `now` and the next `months - 1` months. A configured day
 * that a month lacks (31 in April) is skipped, not moved.
 */
export function serviceDayDates(now: Date, days: readonly number[], months = 3): string[] {
  const [y, m] = businessDate(now).split('-').map(Number);
  const out: string[] = [];
  for (let i = 0; i < months; i++) {
    const year = y + Math.floor((m - 1 + i) / 12);
    const month = ((m - 1 + i) % 12) + 1;
    const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    for (const day of days) {
      if (day >= 1 && day <= length)
        out.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    }
  }
  return out;
}
