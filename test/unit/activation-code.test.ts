import { describe, expect, it } from 'vitest';
import { formatCode, normaliseCode } from '../../src/domain/activation-code.js';
import { randomDigits } from '../../src/lib/tokens.js';

describe('activation codes as people read and type them', () => {
  it('prints groups of four and reads back what was printed, with or without spaces and dashes', () => {
    expect(formatCode('123456789012')).toBe('1234 5678 9012');
    expect(normaliseCode('1234 5678 9012')).toBe('123456789012');
    expect(normaliseCode(' 1234-5678－9012 ')).toBe('123456789012');
  });

  it('draws digits only, of the length asked, each digit about equally often', () => {
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 2000; i++) {
      const code = randomDigits(12);
      expect(code).toMatch(/^\d{12}$/);
      for (const d of code) counts[Number(d)]++;
    }
    // 24,000 digits: 2,400 expected each; a biased draw (e.g. byte % 10 without rejection) would not stay this close
    // only by chance for every digit, and a constant one fails at once.
    for (const c of counts) expect(Math.abs(c - 2400)).toBeLessThan(250);
  });
});
