import { z } from 'zod';
import { optionalId } from '../../lib/zod-fields.js';

/** The compliance page's query: a calendar month (YYYY-MM, empty → the default month) and optionally a township. */
export const complianceQuery = z.object({
  month: z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .pipe(z.union([z.literal(''), z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'compliance.error.month' })]))
    .transform((s) => (s === '' ? null : s)),
  township: optionalId.catch(null),
});
export type ComplianceQuery = z.infer<typeof complianceQuery>;
