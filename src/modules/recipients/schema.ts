import { z } from 'zod';
import { AGREEMENT_KINDS, RECIPIENT_STATUSES, SUPPORT_MODES } from '../../db/schema/index.js';
import { AGREEMENT_STATUSES, type AgreementProblem, agreementProblem } from '../../domain/agreement.js';
import { ADL_ITEMS } from '../../domain/care-level.js';
import { type IdNumberError, parseIdNumber } from '../../domain/id-number.js';
import { normaliseMobile } from '../../domain/mobile.js';
import { checkbox, choice, isoDate, optionalId, optionalText, requiredText } from '../../lib/zod-fields.js';

const ID_ERRORS: Record<IdNumberError, string> = {
  length: 'recipients.error.idLength',
  format: 'recipients.error.idFormat',
  birth_date: 'recipients.error.idBirthDate',
  check_digit: 'recipients.error.idCheckDigit',
};

/** A GB 11643 number, normalised (upper-case X) with its birth date and gender. */
export const idNumberField = z
  .string({ error: 'form.required' })
  .trim()
  .min(1, { error: 'form.required' })
  .transform((value, ctx) => {
    const parsed = parseIdNumber(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: ID_ERRORS[parsed.error] });
      return z.NEVER;
    }
    return parsed.info;
  });

export const optionalMobile = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const v = (value ?? '').trim();
    if (v === '') return null;
    const mobile = normaliseMobile(v);
    if (!mobile) {
      ctx.addIssue({ code: 'custom', message: 'recipients.error.mobile' });
      return z.NEVER;
    }
    return mobile;
  });

const optionalDate = z
  .string()
  .optional()
  .transform((s) => (s ?? '').trim())
  .pipe(z.union([z.literal(''), isoDate]))
  .transform((s) => (s === '' ? null : s));

const adl = Object.fromEntries(ADL_ITEMS.map((k) => [k, checkbox])) as Record<
  (typeof ADL_ITEMS)[number],
  typeof checkbox
>;

/** The fields a recipient's record shares between the form and the spreadsheet import. */
const recipientFields = {
  name: requiredText(50),
  townshipId: z.coerce.number({ error: 'form.required' }).int().positive({ error: 'form.required' }),
  villageId: optionalId,
  address: optionalText(200),
  supportMode: choice(SUPPORT_MODES),
  nursingHomeId: optionalId,
  careNotes: optionalText(500),
  caregiverName: optionalText(50),
  caregiverMobile: optionalMobile,
  agreementKind: z
    .string()
    .optional()
    .transform((s) => (s ? s : null))
    .pipe(z.enum(AGREEMENT_KINDS, { error: 'form.invalidChoice' }).nullable()),
  agreementSignedOn: optionalDate,
  // Empty: the county's default term applies when it has one, else the agreement runs until replaced.
  agreementEndsOn: optionalDate,
};

type RecordFields = z.infer<z.ZodObject<typeof recipientFields>>;

/** The message and field of each agreement problem; a wrong kind names the parties the support mode signs with. */
export function agreementMessage(
  problem: AgreementProblem,
  supportMode: 'home' | 'institution',
): { field: 'agreementKind' | 'agreementEndsOn'; message: string } {
  if (problem === 'kind')
    return {
      field: 'agreementKind',
      message: supportMode === 'institution' ? 'recipients.error.agreementThree' : 'recipients.error.agreementFour',
    };
  return {
    field: 'agreementEndsOn',
    message: problem === 'endsBeforeSigned' ? 'recipients.error.agreementEnds' : 'recipients.error.agreementEndsAlone',
  };
}

function checkRecord(v: RecordFields, ctx: z.RefinementCtx) {
  if (v.supportMode === 'institution' && !v.nursingHomeId)
    ctx.addIssue({ code: 'custom', path: ['nursingHomeId'], message: 'recipients.error.nursingHome' });
  const problem = agreementProblem(v);
  if (problem) {
    const { field, message } = agreementMessage(problem, v.supportMode);
    ctx.addIssue({ code: 'custom', path: [field], message });
  }
}

/** Registering a recipient: their record, the ID number and the first assessment. */
export const newRecipientForm = z
  .object({
    ...recipientFields,
    idNumber: idNumberField,
    assessedOn: isoDate,
    assessor: requiredText(50),
    ...adl,
  })
  .superRefine(checkRecord);

/** Editing: the ID number stays (it is the person); status and exit can change. */
export const editRecipientForm = z
  .object({
    ...recipientFields,
    status: choice(RECIPIENT_STATUSES),
    exitReason: optionalText(200),
    exitedOn: optionalDate,
  })
  .superRefine((v, ctx) => {
    checkRecord(v, ctx);
    if (v.status === 'exited' && (!v.exitReason || !v.exitedOn))
      ctx.addIssue({ code: 'custom', path: ['exitReason'], message: 'recipients.error.exit' });
  });

export const assessmentForm = z.object({ assessedOn: isoDate, assessor: requiredText(50), ...adl });

export const listQuery = z.object({
  q: z.string().max(50).optional().catch(undefined),
  townshipId: z.coerce.number().int().positive().optional().catch(undefined),
  careLevel: z.enum(['self', 'partial', 'full']).optional().catch(undefined),
  status: z.enum(['active', 'exited']).optional().catch(undefined),
  agreement: z.enum(AGREEMENT_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).optional().catch(undefined),
});

export type NewRecipientInput = z.infer<typeof newRecipientForm>;
export type EditRecipientInput = z.infer<typeof editRecipientForm>;
export type AssessmentInput = z.infer<typeof assessmentForm>;
export type RecipientListQuery = z.infer<typeof listQuery>;

/** The county's default agreement term: whole years, or blank for none. */
export const agreementTermForm = z.object({
  termYears: z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .refine((s) => s === '' || (/^\d{1,2}$/.test(s) && Number(s) >= 1 && Number(s) <= 30), {
      error: 'agreements.error.term',
    })
    .transform((s) => (s === '' ? null : Number(s))),
});
