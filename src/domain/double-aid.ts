import { daysBetween } from './dates.js';

/** The county's default window: aid from two bodies within 30 days of each other is flagged. */
export const DEFAULT_DOUBLE_AID_DAYS = 30;

/** One activity's standing cash and goods for one household (reversals netted in; a voided activity nets to 0). */
export interface AidEvent {
  activityId: number;
  recipientId: number;
  organisationId: number;
  on: string;
  aidFen: number;
}

/** Whether two business dates are at most `days` calendar days apart, in either order (day 30 yes, day 31 no). */
export function withinDays(a: string, b: string, days: number): boolean {
  return Math.abs(daysBetween(a, b)) <= days;
}

/**
 * The aid a new activity of `organisationId` on `on` would double: other bodies' cash or goods that still stand,
 * within the window before or after (an activity entered late can precede aid already recorded).
 */
export function conflictingAid<E extends AidEvent>(
  events: E[],
  p: { organisationId: number; on: string; days: number },
): E[] {
  return events.filter((e) => e.organisationId !== p.organisationId && e.aidFen > 0 && withinDays(e.on, p.on, p.days));
}

export interface DoubleAidPair<E extends AidEvent = AidEvent> {
  recipientId: number;
  earlier: E;
  later: E;
}

/**
 * Households aided by two bodies within the window, for a month: every pair whose later aid falls in
 * [`first`, `last`], the earlier one from another body at most `days` before (same day included, listed once).
 */
export function doubleAidPairs<E extends AidEvent>(
  events: E[],
  p: { first: string; last: string; days: number },
): DoubleAidPair<E>[] {
  const standing = events.filter((e) => e.aidFen > 0);
  const byHousehold = new Map<number, E[]>();
  for (const e of standing) byHousehold.set(e.recipientId, [...(byHousehold.get(e.recipientId) ?? []), e]);
  const pairs: DoubleAidPair<E>[] = [];
  for (const [recipientId, list] of byHousehold) {
    const ordered = [...list].sort((a, b) => daysBetween(b.on, a.on) || a.activityId - b.activityId);
    ordered.forEach((later, i) => {
      if (daysBetween(p.first, later.on) < 0 || daysBetween(later.on, p.last) < 0) return;
      for (const earlier of ordered.slice(0, i))
        if (earlier.organisationId !== later.organisationId && withinDays(earlier.on, later.on, p.days))
          pairs.push({ recipientId, earlier, later });
    });
  }
  return pairs.sort((a, b) => daysBetween(b.later.on, a.later.on) || a.recipientId - b.recipientId);
}
