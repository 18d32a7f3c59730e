// The double-aid rule alone: the window's edge, the same body, aid netted to nothing, and each pair once.

import { describe, expect, it } from 'vitest';
import { type AidEvent, conflictingAid, doubleAidPairs, withinDays } from '../../src/domain/double-aid.js';

const aid = (activityId: number, recipientId: number, organisationId: number, on: string, aidFen = 100): AidEvent => ({
  activityId,
  recipientId,
  organisationId,
  on,
  aidFen,
});

describe('double aid', () => {
  it('counts calendar days either way: 30 apart is inside the window, 31 outside, across a year end', () => {
    expect(withinDays('2026-12-02', '2027-01-01', 30)).toBe(true);
    expect(withinDays('2027-01-01', '2026-12-02', 30)).toBe(true);
    expect(withinDays('2026-12-01', '2027-01-01', 30)).toBe(false);
  });

  it('warns of other bodies’ standing aid before or after the date, not the same body’s nor aid netted to 0', () => {
    const events = [
      aid(1, 7, 10, '2026-10-25'),
      aid(2, 7, 10, '2026-10-24'),
      aid(3, 7, 11, '2026-11-20'),
      aid(4, 7, 12, '2026-11-30', 0),
      aid(5, 7, 13, '2026-12-24'),
    ];
    expect(conflictingAid(events, { organisationId: 11, on: '2026-11-24', days: 30 }).map((e) => e.activityId)).toEqual(
      [1, 5],
    );
    expect(conflictingAid(events, { organisationId: 10, on: '2026-11-24', days: 30 }).map((e) => e.activityId)).toEqual(
      [3, 5],
    );
  });

  it('pairs each later aid of the month with earlier aid of other bodies, each pair once', () => {
    const events = [
      aid(1, 7, 10, '2026-11-05'),
      aid(2, 7, 11, '2026-11-05'),
      aid(3, 7, 11, '2026-11-20'),
      aid(4, 8, 10, '2026-10-01'),
      aid(5, 8, 11, '2026-11-01'),
    ];
    const pairs = doubleAidPairs(events, { first: '2026-11-01', last: '2026-11-30', days: 30 });
    expect(pairs.map((p) => [p.earlier.activityId, p.later.activityId])).toEqual([
      [1, 2],
      [1, 3],
    ]);
  });
});
