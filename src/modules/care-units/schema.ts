import { z } from 'zod';
import { CARE_MEMBER_ROLES, VISIT_OUTCOMES } from '../../db/schema/index.js';
import { normaliseMobile } from '../../domain/mobile.js';
import { checkbox, choice, isoDate, optionalId, optionalText, requiredText } from '../../lib/zod-fields.js';

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

/** A member of a unit: name, role, a mobile (their login and where the activation code is texted). */
export const memberForm = z.object({
  name: requiredText(50),
  memberRole: choice(CARE_MEMBER_ROLES),
  mobile: optionalText(20).transform((v, ctx) => {
    if (v === null) return null;
    const canonical = normaliseMobile(v);
    if (canonical) return canonical;
    ctx.addIssue({ code: 'custom', message: 'care.error.mobile' });
    return z.NEVER;
  }),
});
export type MemberInput = z.infer<typeof memberForm>;

/** Logins for members: one (its row) or a selection (checkboxes), at most a page of them. */
export const memberLoginsForm = z.object({
  ids: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(z.string().regex(/^\d{1,9}$/, { error: 'care.logins.none' }))
        .min(1, { error: 'care.logins.none' })
        .max(200, { error: 'care.logins.tooMany' }),
    )
    .transform((v) => [...new Set(v.map(Number))]),
  reissue: checkbox,
});

/** One tap on the capture page: a household, the day shown, the outcome, and a need when one was found. */
export const captureForm = z.object({
  recipientId: z
    .string()
    .regex(/^\d{1,9}$/, { error: 'form.invalidChoice' })
    .transform(Number),
  on: isoDate,
  outcome: choice(VISIT_OUTCOMES),
  need: optionalText(500),
  /** Set by the confirmation page: a death or a move is recorded only when confirmed. */
  confirm: checkbox,
});
export type CaptureInput = z.infer<typeof captureForm>;

/** The outcomes that open no station task: what a mis-tapped death or move may be undone to. */
export const UNDO_OUTCOMES = ['visited', 'not_home', 'refused', 'in_hospital'] as const;

/** Undoing a mis-tapped death or move of today: the outcome it should have been (one that opens no task). */
export const undoForm = z.object({
  on: isoDate,
  outcome: choice(UNDO_OUTCOMES),
});
export type UndoInput = z.infer<typeof undoForm>;

/** The question before a death or a move is recorded: which of the two, for the day shown. */
export const confirmQuery = z.object({
  on: isoDate,
  outcome: choice(['deceased', 'moved'] as const),
});
