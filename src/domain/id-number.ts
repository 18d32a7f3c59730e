/**
 * PRC resident identity numbers (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence
 * (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export type IdNumberError = 'length' | 'format' | 'birth_date' | 'check_digit';

export interface IdNumberInfo {
  value: string;
  birthDate: string;
  gender: 'M' | 'F';
}

/** Normalises (trims, upper-cases x) and validates an ID number; returns its birth date and gender. */
export function parseIdNumber(
  input: string,
  today?: string,
): { ok: true; info: IdNumberInfo } | { ok: false; error: IdNumberError } {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, error: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, error: 'format' };
  const y = value.slice(6, 10);
  const m = value.slice(10, 12);
  const d = value.slice(12, 14);
  const birthDate = `${y}-${m}-${d}`;
  const parsed = new Date(`${birthDate}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== birthDate || Number(y) < 1880) {
    return { ok: false, error: 'birth_date' };
  }
  if (today && birthDate > today) return { ok: false, error: 'birth_date' };
  if (idCheckChar(value) !== value[17]) return { ok: false, error: 'check_digit' };
  return { ok: true, info: { value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'M' : 'F' } };
}

/** 430321********1234: area code and last four kept, birth date and sequence hidden. */
export function maskIdNumber(value: string): string {
  return value.slice(0, 6) + '*'.repeat(8) + value.slice(14);
}
