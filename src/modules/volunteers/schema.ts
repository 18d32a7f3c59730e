import { z } from 'zod';
import { password } from '../../auth/schemas.js';
import { AVAILABILITY, VOLUNTEER_STATUSES } from '../../db/schema/index.js';
import { normaliseMobile } from '../../domain/mobile.js';
import { SKILL_CODES } from '../../domain/skills.js';
import { checkbox, choice, optionalId, requiredText } from '../../lib/zod-fields.js';

const mobile = z.string({ error: 'form.required' }).transform((v, ctx) => {
  const m = normaliseMobile(v);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: 'recipients.error.mobile' });
    return z.NEVER;
  }
  return m;
});

const skills = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.enum(SKILL_CODES as [string, ...string[]], { error: 'form.invalidChoice' })));

const fields = {
  name: requiredText(50),
  mobile,
  townshipId: optionalId,
  organisationId: optionalId,
  skills,
  partyMember: checkbox,
  availability: choice(AVAILABILITY),
};

export const volunteerForm = z.object({ ...fields, status: choice(VOLUNTEER_STATUSES) });
/** The version of the privacy notice on /join (PIPL arts. 13/14/17); raise it whenever the notice's text changes. */
export const PRIVACY_NOTICE_VERSION = '2026-12-01';

export const joinForm = z.object({
  ...fields,
  townshipId: z.coerce.number({ error: 'form.required' }).int().positive({ error: 'form.required' }),
  password,
  // Explicit, separate consent to the notice: an unticked box is a refusal, never a default.
  privacyConsent: checkbox.refine((v) => v, { error: 'join.consentRequired' }),
});
export const listQuery = z.object({
  q: z.string().max(50).optional().catch(undefined),
  status: z.enum(VOLUNTEER_STATUSES).optional().catch(undefined),
});

export type VolunteerInput = z.infer<typeof volunteerForm>;
export type JoinInput = z.infer<typeof joinForm>;

/** Creating logins: one volunteer (the detail page) or a selection (checkboxes on the list), at most a page. */
export const loginsForm = z.object({
  ids: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map(Number))
    .pipe(
      z
        .array(z.number().int({ error: 'vols.logins.none' }).positive({ error: 'vols.logins.none' }))
        .min(1, { error: 'vols.logins.none' })
        .max(200, { error: 'vols.logins.tooMany' }),
    ),
  reissue: checkbox,
});
