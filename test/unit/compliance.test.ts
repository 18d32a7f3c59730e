import { describe, expect, it } from 'vitest';
import {
  complianceTotals,
  complianceWindow,
  defaultComplianceMonth,
  householdCompliance,
} from '../../src/domain/compliance.js';
import { addDays } from '../../src/domain/dates.js';

const october = { from: '2026-10-01', to: '2026-10-31' };
const days = (first: string, count: number, step = 1) =>
  Array.from({ length: count }, (_, i) => addDays(first, i * step));

describe('the month judged', () => {
  it('is the whole month once over, up to yesterday while it runs, nothing before its first full day', () => {
    expect(complianceWindow('2026-10', '2026-11-24')).toEqual(october);
    expect(complianceWindow('2026-11', '2026-11-24')).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(complianceWindow('2026-11', '2026-11-01')).toBeNull();
    expect(complianceWindow('2028-02', '2028-03-05')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('opens on the current month, or the previous one on the first day', () => {
    expect(defaultComplianceMonth('2026-11-24')).toBe('2026-11');
    expect(defaultComplianceMonth('2026-11-01')).toBe('2026-10');
    expect(defaultComplianceMonth('2027-01-01')).toBe('2026-12');
  });
});

describe("one household's month", () => {
  it('does not keep a weekly household seen five times in week one and never after', () => {
    const r = householdCompliance({
      level: 'self',
      since: '2026-01-01',
      window: october,
      visitDays: days('2026-10-01', 5),
    });
    // 31 days ÷ 7 → 4 required; 5 days visited, 4 of them count; Oct 6–31 unvisited: 26 days.
    expect(r).toEqual({ required: 4, visitDays: 5, made: 4, longestGap: 26, compliant: false });
  });

  it('keeps a weekly household seen every seventh day, and one seen on the 3rd, 10th, … 31st', () => {
    const fromSeventh = householdCompliance({
      level: 'self',
      since: '2026-01-01',
      window: october,
      visitDays: days('2026-10-07', 4, 7),
    });
    // Oct 1–6, 8–13, 15–20, 22–27 unvisited (6 days each), then 29–31 (3).
    expect(fromSeventh).toEqual({ required: 4, visitDays: 4, made: 4, longestGap: 6, compliant: true });
    const fromThird = householdCompliance({
      level: 'self',
      since: '2026-01-01',
      window: october,
      visitDays: days('2026-10-03', 5, 7),
    });
    expect(fromThird).toEqual({ required: 4, visitDays: 5, made: 4, longestGap: 6, compliant: true });
  });

  it('does not keep a daily household missing one day, and counts a day visited twice once', () => {
    const visitDays = [...days('2026-10-01', 31).filter((d) => d !== '2026-10-17'), '2026-10-05'];
    const r = householdCompliance({ level: 'full', since: '2026-01-01', window: october, visitDays });
    expect(r).toEqual({ required: 31, visitDays: 30, made: 30, longestGap: 1, compliant: false });
  });

  it('counts from registration, ignores visits outside the judged days, and asks nothing of a newcomer yet', () => {
    const partial = householdCompliance({
      level: 'partial',
      since: '2026-10-22',
      window: october,
      visitDays: ['2026-10-20', '2026-10-23', '2026-10-25', '2026-10-27', '2026-10-29', '2026-10-31', '2026-11-01'],
    });
    // 22–31 Oct: 10 days ÷ 2 → 5 required; the visit before registration and the one in November do not count.
    expect(partial).toEqual({ required: 5, visitDays: 5, made: 5, longestGap: 1, compliant: true });
    const newcomer = householdCompliance({ level: 'self', since: '2026-10-27', window: october, visitDays: [] });
    expect(newcomer).toEqual({ required: 0, visitDays: 0, made: 0, longestGap: 5, compliant: null });
    const later = householdCompliance({ level: 'full', since: '2026-11-02', window: october, visitDays: [] });
    expect(later.compliant).toBeNull();
  });

  it('follows the county cadence rules', () => {
    const r = householdCompliance(
      { level: 'self', since: '2026-01-01', window: october, visitDays: days('2026-10-01', 11, 3) },
      { full: 1, partial: 2, self: 3 },
    );
    // Every third day from the 1st: 1, 4, … 31 → 11 days, gaps of 2; 31 ÷ 3 → 10 required.
    expect(r).toEqual({ required: 10, visitDays: 11, made: 10, longestGap: 2, compliant: true });
  });
});

describe('a group of households', () => {
  it('adds the figures of the households due and leaves out those not due yet', () => {
    const rows = [
      { required: 31, visitDays: 30, made: 30, longestGap: 1, compliant: false },
      { required: 4, visitDays: 4, made: 4, longestGap: 6, compliant: true },
      { required: 0, visitDays: 0, made: 0, longestGap: 5, compliant: null },
    ];
    expect(complianceTotals(rows)).toEqual({
      households: 2,
      required: 35,
      made: 34,
      rate: 34 / 35,
      compliantHouseholds: 1,
      householdRate: 0.5,
    });
    expect(complianceTotals([]).rate).toBeNull();
  });
});
