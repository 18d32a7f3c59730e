import { z } from 'zod';
import { INCUBATION_STAGES, ORGANISATION_KINDS } from '../../db/schema/index.js';
import { checkbox, choice, isoDate, optionalId, optionalText, requiredText } from '../../lib/zod-fields.js';

const optionalInt = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,5}$/, { error: 'form.invalidNumber' })]))
    .transform((s) => (s === '' ? null : Number(s)))
    .refine((n) => n === null || (n >= min && n <= max), { error: 'form.invalidNumber' });

export const organisationForm = z
  .object({
    name: requiredText(100),
    kind: choice(ORGANISATION_KINDS),
    townshipId: optionalId,
    creditCode: optionalText(18),
    contactName: optionalText(50),
    contactPhone: optionalText(20),
    regional: checkbox,
    beds: optionalInt(0, 5000),
    incubationYear: optionalInt(1990, 2100),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'social_org' && !v.townshipId)
      ctx.addIssue({ code: 'custom', path: ['townshipId'], message: 'orgs.error.townshipRequired' });
  });

export const stageForm = z.object({ stage: choice(INCUBATION_STAGES), on: isoDate, note: optionalText(200) });

export const listQuery = z.object({
  q: z.string().max(50).optional().catch(undefined),
  kind: z.enum(ORGANISATION_KINDS).optional().catch(undefined),
});

export type OrganisationInput = z.infer<typeof organisationForm>;
