import { z } from 'zod';
import { COVERAGE_MONTHS } from '../../domain/coverage.js';

const trimmed = z
  .string()
  .optional()
  .transform((s) => (s ?? '').trim());

/**
 * The coverage period form: a township (empty for the county) and months per period, one of the allowed choices;
 * empty months clears the setting (a township follows the county again, the county the default quarter).
 */
export const coveragePeriodForm = z.object({
  townshipId: trimmed
    .refine((s) => s === '' || /^\d{1,9}$/.test(s), { error: 'form.invalidChoice' })
    .transform((s) => (s === '' ? null : Number(s))),
  months: trimmed
    .refine((s) => s === '' || (COVERAGE_MONTHS as readonly number[]).includes(Number(s)), {
      error: 'coverage.period.bad',
    })
    .transform((s) => (s === '' ? null : Number(s))),
});
