import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCE, dueStatus, intervalDays } from '../../src/domain/cadence.js';
import { addDays, businessDate, daysBetween, monthBounds } from '../../src/domain/dates.js';

describe('business dates', () => {
  it('are the Asia/Shanghai calendar date of an instant', () => {
    expect(businessDate(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(businessDate(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24'); // midnight in Shanghai
    expect(businessDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
  });

  it('move across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 7)).toBe('2027-01-07');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-24', '2026-12-25')).toBe(31);
    expect(daysBetween('2026-12-25', '2026-11-24')).toBe(-31);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('give month bounds, including February in a leap year', () => {
    expect(monthBounds('2026-11-24')).toEqual({ first: '2026-11-01', last: '2026-11-30' });
    expect(monthBounds('2028-02-10')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthBounds('2026-12-05')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  });
});

describe('cadence', () => {
  it('defaults to the seed: fully disabled daily, partly every 2 days, self-caring weekly', () => {
    expect(DEFAULT_CADENCE).toEqual({ full: 1, partial: 2, self: 7 });
    expect(intervalDays('self')).toBe(7);
  });

  it('computes next due and days overdue from the last visit', () => {
    const today = '2026-11-24';
    expect(dueStatus({ lastVisit: '2026-11-23', since: '2026-01-01', level: 'full', today })).toEqual({
      nextDue: '2026-11-24',
      daysOverdue: 0,
      due: true,
    });
    expect(dueStatus({ lastVisit: '2026-11-23', since: '2026-01-01', level: 'partial', today })).toEqual({
      nextDue: '2026-11-25',
      daysOverdue: 0,
      due: false,
    });
    expect(dueStatus({ lastVisit: '2026-11-10', since: '2026-01-01', level: 'self', today })).toEqual({
      nextDue: '2026-11-17',
      daysOverdue: 7,
      due: true,
    });
    // Over a month end: visited 28 October, weekly, due 4 November.
    expect(dueStatus({ lastVisit: '2026-10-28', since: '2026-01-01', level: 'self', today: '2026-11-04' })).toEqual({
      nextDue: '2026-11-04',
      daysOverdue: 0,
      due: true,
    });
  });

  it('counts a recipient never visited as due from registration', () => {
    expect(dueStatus({ lastVisit: null, since: '2026-11-20', level: 'self', today: '2026-11-24' })).toEqual({
      nextDue: '2026-11-20',
      daysOverdue: 4,
      due: true,
    });
  });

  it('follows configured rules (a province visiting monthly) and rejects nonsense intervals', () => {
    const monthly = { full: 7, partial: 14, self: 30 };
    expect(
      dueStatus({ lastVisit: '2026-10-01', since: '2026-01-01', level: 'self', today: '2026-11-24' }, monthly),
    ).toEqual({ nextDue: '2026-10-31', daysOverdue: 24, due: true });
    expect(() => intervalDays('full', { ...monthly, full: 0 })).toThrow(RangeError);
    expect(() => intervalDays('full', { ...monthly, full: 1.5 })).toThrow(RangeError);
  });
});
