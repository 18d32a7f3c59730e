import { z } from 'zod';
import { password, username } from '../../auth/schemas.js';
import { CARE_MEMBER_ROLES, VISIT_OUTCOMES } from '../../db/schema/index.js';
import { choice, isoDate, optionalId, optionalText, requiredText } from '../../lib/zod-fields.js';

const ids = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^\d{1,9}$/, { error: 'form.invalidChoice' })).max(50, { error: 'form.tooLong' }))
  .transform((v) => [...new Set(v.map(Number))]);

/** A 守望之家: name, township, the villages it covers (at least one), a contact. */
export const unitForm = z.object({
  name: requiredText(100),
  townshipId: optionalId.refine((v) => v !== null, { error: 'form.required' }),
  villageIds: ids.refine((v) => v.length > 0, { error: 'care.error.villagesRequired' }),
  contactName: optionalText(50),
  contactPhone: optionalText(20),
});
export type UnitInput = z.infer<typeof unitForm>;

/** A member; a username (and the station-set initial password) gives them a login of role care_member. */
export const memberForm = z
  .object({
    name: requiredText(50),
    memberRole: choice(CARE_MEMBER_ROLES),
    mobile: optionalText(20),
    username: z
      .string()
      .optional()
      .transform((s) => (s ?? '').trim()),
    password: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.username) return;
    for (const issue of username.safeParse(v.username).error?.issues ?? [])
      ctx.addIssue({ code: 'custom', path: ['username'], message: issue.message });
    for (const issue of password.safeParse(v.password ?? '').error?.issues ?? [])
      ctx.addIssue({ code: 'custom', path: ['password'], message: issue.message });
  });
export type MemberInput = z.infer<typeof memberForm>;

/** One tap on the capture page: a household, the day shown, the outcome, and a need when one was found. */
export const captureForm = z.object({
  recipientId: z
    .string()
    .regex(/^\d{1,9}$/, { error: 'form.invalidChoice' })
    .transform(Number),
  on: isoDate,
  outcome: choice(VISIT_OUTCOMES),
  need: optionalText(500),
});
export type CaptureInput = z.infer<typeof captureForm>;
