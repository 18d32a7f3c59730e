/**
 * 志愿服务记录证明 (民政部《志愿服务记录与证明出具办法（试行）》, 2020): pure rules of the certificate — its serial and
 * what a public check may show of the volunteer.
 */

/** Serials look like 2026-K7Q2-M6XD-3FRA: the issue year and twelve random base32 letters (60 bits), so they cannot
 * be walked through by guessing; letters only from the unambiguous alphabet, case-insensitive when typed. */
export const SERIAL = /^(\d{4})-([A-Z2-7]{4})-([A-Z2-7]{4})-([A-Z2-7]{4})$/;

export function formatSerial(year: string, random: string): string {
  const r = random.toUpperCase().slice(0, 12);
  if (!/^\d{4}$/.test(year) || !/^[A-Z2-7]{12}$/.test(r)) throw new RangeError('bad serial parts');
  return `${year}-${r.slice(0, 4)}-${r.slice(4, 8)}-${r.slice(8, 12)}`;
}

/** A typed serial in its stored form (spaces and case forgiven), or null when it cannot be one. */
export function normaliseSerial(typed: string): string | null {
  const s = typed.trim().toUpperCase().replace(/\s+/g, '');
  return SERIAL.test(s) ? s : null;
}

/** The name as a public check shows it: the family name and the last character, the rest starred (王*明, 欧阳**华). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
