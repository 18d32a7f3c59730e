import { z } from 'zod';

// Zod building blocks whose messages are dictionary keys, so a failed form speaks the user's language.
export const requiredText = (max = 100) =>
  z
    .string({ error: 'form.required' })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, { error: 'form.required' }).max(max, { error: 'form.tooLong' }));

export const optionalText = (max = 200) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .pipe(z.string().max(max, { error: 'form.tooLong' }))
    .transform((s) => (s === '' ? null : s));

export const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: 'form.invalidChoice' });

export const optionalId = z
  .string()
  .optional()
  .transform((s) => (s ?? '').trim())
  .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,9}$/, { error: 'form.invalidChoice' })]))
  .transform((s) => (s === '' ? null : Number(s)));

export const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => v !== undefined && v !== '' && v !== '0' && v !== 'false');

export const isoDate = z
  .string({ error: 'form.required' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'form.invalidDate' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { error: 'form.invalidDate' },
  );

/** A wall-clock time `HH:MM` (24 h), as a time input sends it. */
export const timeOfDay = () => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'form.invalidValue');
