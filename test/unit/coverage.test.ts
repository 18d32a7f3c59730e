import { describe, expect, it } from 'vitest';
import {
  type CoverageHousehold,
  coverageCandidates,
  coverageMonthsFor,
  coveragePeriod,
  MAX_COVERAGE_PRIORITY,
  nursingHomesDue,
} from '../../src/domain/coverage.js';

const home = (h: Partial<CoverageHousehold> & { id: number }): CoverageHousehold => ({
  careLevel: 'partial',
  since: '2025-01-01',
  lastServiceVisit: null,
  openNeeds: 0,
  ...h,
});
const quarter = { date: '2026-11-24', months: 3 };

describe('the coverage period', () => {
  it('is the calendar quarter by default, and any whole divisor of the year when set', () => {
    expect(coveragePeriod('2026-11-24', 3)).toEqual({ first: '2026-10-01', last: '2026-12-31' });
    expect(coveragePeriod('2026-01-01', 3)).toEqual({ first: '2026-01-01', last: '2026-03-31' });
    expect(coveragePeriod('2026-03-31', 3)).toEqual({ first: '2026-01-01', last: '2026-03-31' });
    expect(coveragePeriod('2028-02-24', 1)).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(coveragePeriod('2026-08-24', 6)).toEqual({ first: '2026-07-01', last: '2026-12-31' });
    expect(coveragePeriod('2026-05-24', 4)).toEqual({ first: '2026-05-01', last: '2026-08-31' });
    expect(coveragePeriod('2026-05-24', 12)).toEqual({ first: '2026-01-01', last: '2026-12-31' });
    expect(() => coveragePeriod('2026-05-24', 5)).toThrow(RangeError);
  });

  it("takes the township's own period, else the county's, else a quarter", () => {
    const settings = [
      { townshipId: null, months: 2 },
      { townshipId: 7, months: 1 },
    ];
    expect(coverageMonthsFor(settings, 7)).toBe(1);
    expect(coverageMonthsFor(settings, 8)).toBe(2);
    expect(coverageMonthsFor([], 8)).toBe(3);
  });
});

describe('the households a service day covers', () => {
  it('leaves out those an organisation already met this period, keeps those met last period', () => {
    const got = coverageCandidates(
      [
        home({ id: 1, lastServiceVisit: '2026-10-01' }), // first day of this quarter: covered
        home({ id: 2, lastServiceVisit: '2026-09-30' }), // last day of the previous one: due
        home({ id: 3 }), // never
      ],
      quarter,
    );
    expect(got.map((c) => c.id)).toEqual([3, 2]);
    expect(got.every((c) => c.uncovered)).toBe(true);
    // With a monthly period the October visit no longer covers November.
    expect(
      coverageCandidates([home({ id: 1, lastServiceVisit: '2026-10-01' })], { date: '2026-11-24', months: 1 }).map(
        (c) => c.id,
      ),
    ).toEqual([1]);
  });

  it('puts an open need first, even for a household already met this period', () => {
    const got = coverageCandidates(
      [
        home({ id: 1, lastServiceVisit: '2025-01-01', careLevel: 'self' }), // the longest wait of all
        home({ id: 2, lastServiceVisit: '2026-11-10', openNeeds: 1, careLevel: 'partial' }), // met, need open
      ],
      quarter,
    );
    expect(got.map((c) => c.id)).toEqual([2, 1]);
    expect(got[0]).toMatchObject({ openNeed: true, uncovered: false });
    expect(got[0].priority).toBeGreaterThan(got[1].priority);
  });

  it('then the longest since the last service-day visit, then 全自理, then 全失能 before 半失能', () => {
    const got = coverageCandidates(
      [
        home({ id: 1, lastServiceVisit: '2026-08-24', careLevel: 'partial' }), // 92 days: 13 weeks
        home({ id: 2, lastServiceVisit: '2026-06-24', careLevel: 'partial' }), // 153 days: 21 weeks
        home({ id: 3, lastServiceVisit: '2026-08-24', careLevel: 'self' }),
        home({ id: 4, lastServiceVisit: '2026-08-24', careLevel: 'full' }),
        home({ id: 5, lastServiceVisit: '2026-08-26', careLevel: 'self' }), // 90 days: still 12 weeks
      ],
      quarter,
    );
    expect(got.map((c) => c.id)).toEqual([2, 3, 4, 1, 5]);
    expect(got.map((c) => c.daysSince)).toEqual([153, 92, 92, 92, 90]);
    // Strictly ordered weights, so the planner prefers each over the next when it must choose.
    for (let i = 1; i < got.length; i++) expect(got[i - 1].priority).toBeGreaterThan(got[i].priority);
  });

  it('counts a never-visited household from its registration, and caps the wait at a year', () => {
    const got = coverageCandidates(
      [
        home({ id: 1, since: '2026-11-20', careLevel: 'full' }), // registered 4 days ago
        home({ id: 2, since: '2010-01-01', careLevel: 'partial' }),
        home({ id: 3, lastServiceVisit: '2019-05-01', careLevel: 'self' }),
      ],
      quarter,
    );
    expect(got.map((c) => c.id)).toEqual([3, 2, 1]);
    expect(got[0].priority - got[1].priority).toBe(2); // both capped: only the care level differs
    expect(got.find((c) => c.id === 1)!.daysSince).toBe(4);
    const most = coverageCandidates([home({ id: 9, careLevel: 'self', since: '2000-01-01', openNeeds: 3 })], quarter);
    expect(most[0].priority).toBe(MAX_COVERAGE_PRIORITY);
  });
});

describe('nursing homes on the day', () => {
  it('lists those no organisation visited this period, never-visited first, then the longest since', () => {
    const got = nursingHomesDue(
      [
        { id: 1, name: '乙敬老院', lastServiceVisit: '2026-10-12' }, // this quarter: not due
        { id: 2, name: '丙敬老院', lastServiceVisit: '2026-07-02' },
        { id: 3, name: '甲敬老院', lastServiceVisit: null },
        { id: 4, name: '丁敬老院', lastServiceVisit: '2026-03-02' },
      ],
      quarter,
    );
    expect(got.map((h) => h.id)).toEqual([3, 4, 2]);
  });
});
