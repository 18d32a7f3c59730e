import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { idCheckChar, maskIdNumber, parseIdNumber } from '../../src/domain/id-number.js';

// 6-digit area, a real birth date between 1900 and 2025, a 3-digit sequence.
const first17 = fc
  .tuple(
    fc.integer({ min: 110000, max: 820000 }),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(
    ([area, birth, seq]) =>
      `${area}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`,
  );

describe('GB 11643 ID numbers', () => {
  test.prop([first17])('accept the computed ISO 7064 MOD 11-2 check character, lower-case x included', (body) => {
    const id = body + idCheckChar(body);
    const parsed = parseIdNumber(id.toLowerCase());
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.info.value).toBe(id);
      expect(parsed.info.gender).toBe(Number(body[16]) % 2 === 1 ? 'M' : 'F');
      expect(parsed.info.birthDate.replace(/-/g, '')).toBe(body.slice(6, 14));
    }
  });

  test.prop([first17, fc.constantFrom(...'0123456789X'.split(''))])(
    'refuse every other check character',
    (body, check) => {
      fc.pre(check !== idCheckChar(body));
      expect(parseIdNumber(body + check)).toEqual({ ok: false, error: 'check_digit' });
    },
  );

  test.prop([first17])('mask to area code and last four', (body) => {
    const id = body + idCheckChar(body);
    expect(maskIdNumber(id)).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
  });

  test.prop([fc.string({ maxLength: 25 })])('never throw on any input', (s) => {
    const r = parseIdNumber(s);
    expect(typeof r.ok).toBe('boolean');
  });

  test.prop([first17])('refuse impossible birth dates', (body) => {
    const bad = `${body.slice(0, 10)}13${body.slice(12)}`;
    expect(parseIdNumber(bad + idCheckChar(bad))).toEqual({ ok: false, error: 'birth_date' });
  });
});
