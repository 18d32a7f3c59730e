import { describe, expect, it } from 'vitest';
import { checkStageChange, intakePerYear, nextStages } from '../../src/domain/incubation.js';

describe('incubation stages', () => {
  it('move forward only, with withdrawal from any stage before it', () => {
    expect(nextStages('applied')).toEqual(['incubating', 'withdrawn']);
    expect(nextStages('incubating')).toEqual(['graduated', 'withdrawn']);
    expect(nextStages('graduated')).toEqual(['withdrawn']);
    expect(nextStages('withdrawn')).toEqual([]);
    expect(checkStageChange('applied', 'graduated', '2026-05-01', '2026-01-01', '2026-12-01')).toBe('notForward');
    expect(checkStageChange('graduated', 'incubating', '2026-05-01', '2026-01-01', '2026-12-01')).toBe('notForward');
    expect(checkStageChange('withdrawn', 'applied', '2026-05-01', '2026-01-01', '2026-12-01')).toBe('notForward');
    expect(checkStageChange('applied', 'applied', '2026-05-01', '2026-01-01', '2026-12-01')).toBe('notForward');
  });

  it('are dated no earlier than the last change and not in the future', () => {
    expect(checkStageChange('applied', 'incubating', '2025-12-31', '2026-01-01', '2026-12-01')).toBe('beforeLast');
    expect(checkStageChange('applied', 'incubating', '2026-12-02', '2026-01-01', '2026-12-01')).toBe('future');
    expect(checkStageChange('applied', 'incubating', '2026-01-01', '2026-01-01', '2026-12-01')).toBeNull();
    expect(checkStageChange('incubating', 'withdrawn', '2026-12-01', '2026-06-01', '2026-12-01')).toBeNull();
  });
});

describe('intake per year', () => {
  it('counts each admission in the year of its date and lists every year, zero included', () => {
    expect(intakePerYear(['2023-03-01', '2023-11-30', '2025-01-01'], 2026)).toEqual([
      { year: 2023, count: 2 },
      { year: 2024, count: 0 },
      { year: 2025, count: 1 },
      { year: 2026, count: 0 },
    ]);
    expect(intakePerYear([], 2026)).toEqual([{ year: 2026, count: 0 }]);
    expect(intakePerYear([], 2026, 2024).map((r) => r.year)).toEqual([2024, 2025, 2026]);
  });
});
