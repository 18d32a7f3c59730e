import { z } from 'zod';
import { ACTIVITY_KINDS, LINE_KINDS } from '../../db/schema/index.js';
import { parseHundredths } from '../../domain/money.js';
import { FUNDING_SOURCES, type FundingSource } from '../../domain/vocabulary.js';
import { choice, isoDate, optionalId, optionalText } from '../../lib/zod-fields.js';
import type { LineInput } from './service.js';

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const ids = many
  .pipe(z.array(z.string().regex(/^\d{1,9}$/, { error: 'form.invalidChoice' })))
  .transform((a) => a.map(Number));

/** The fields of one line row, as arrays (the form repeats them; empty rows are ignored). */
const LINE_FIELDS = [
  'lineKind',
  'lineAmount',
  'lineGoodsName',
  'lineQuantity',
  'lineUnit',
  'lineServiceKind',
  'lineHours',
  'lineVolunteers',
  'lineSource',
] as const;

/** Reads the repeated line fields into ledger lines; returns the first error's key with the row's field name. */
export function parseLines(
  values: Record<string, string[]>,
): { lines: LineInput[] } | { error: { field: string; message: string } } {
  const rows = Math.max(...LINE_FIELDS.map((f) => values[f]?.length ?? 0), 0);
  const lines: LineInput[] = [];
  for (let i = 0; i < rows; i++) {
    const v = (f: (typeof LINE_FIELDS)[number]) => (values[f]?.[i] ?? '').trim();
    const kind = v('lineKind') as LineInput['kind'];
    if (!(LINE_KINDS as readonly string[]).includes(kind)) continue;
    const amountText = v('lineAmount');
    const hoursText = v('lineHours');
    if (kind === 'service' ? hoursText === '' : amountText === '') continue;
    // 资金来源: one of the five, or empty for 未注明.
    const sourceText = v('lineSource');
    if (sourceText !== '' && !(FUNDING_SOURCES as readonly string[]).includes(sourceText))
      return { error: { field: 'lines', message: 'line.badSource' } };
    const fundingSource = sourceText === '' ? null : (sourceText as FundingSource);
    if (kind === 'service') {
      const centihours = parseHundredths(hoursText);
      if (centihours === null || centihours <= 0) return { error: { field: 'lines', message: 'line.badHours' } };
      const volunteers = v('lineVolunteers') === '' ? null : Number(v('lineVolunteers'));
      lines.push({
        kind,
        amountFen: 0,
        goodsName: null,
        quantity: null,
        unit: null,
        serviceKind: v('lineServiceKind').slice(0, 50) || null,
        serviceCentihours: centihours,
        volunteers: Number.isInteger(volunteers) ? volunteers : null,
        fundingSource,
      });
      continue;
    }
    const fen = parseHundredths(amountText);
    if (fen === null || fen <= 0) return { error: { field: 'lines', message: 'line.badMoney' } };
    const qty = v('lineQuantity') === '' ? null : Number(v('lineQuantity'));
    lines.push({
      kind,
      amountFen: fen,
      goodsName: kind === 'goods' ? v('lineGoodsName').slice(0, 50) || null : null,
      quantity: kind === 'goods' && qty !== null && Number.isFinite(qty) ? qty : null,
      unit: kind === 'goods' ? v('lineUnit').slice(0, 10) || null : null,
      serviceKind: null,
      serviceCentihours: 0,
      volunteers: null,
      fundingSource,
    });
  }
  return { lines };
}

/** The "record an activity" form (lines are parsed by `parseLines` from the same values). */
export const activityForm = z
  .object({
    idempotencyKey: z.string({ error: 'form.required' }).regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'form.invalid' }),
    organisationId: optionalId.pipe(z.number({ error: 'form.required' })),
    occurredOn: isoDate,
    kind: choice(ACTIVITY_KINDS),
    note: optionalText(500),
    recipientIds: ids,
    nursingHomeIds: ids,
    serviceDayId: optionalId,
    shiftId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.recipientIds.length + v.nursingHomeIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'activities.needTarget' });
  });

export const reverseForm = z.object({
  reason: optionalText(200),
  replacement: z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .pipe(
      z.union([z.literal(''), z.string().refine((s) => (parseHundredths(s) ?? -1) > 0, { error: 'line.badMoney' })]),
    )
    .transform((s) => (s === '' ? null : parseHundredths(s)!)),
});

/** Voiding an activity: the reason is required; `next=again` opens the form pre-filled to record it again. */
export const voidForm = z.object({
  reason: z
    .string({ error: 'activity.voidNeedsReason' })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, { error: 'activity.voidNeedsReason' }).max(200, { error: 'form.tooLong' })),
  next: z.enum(['again', '']).optional(),
});

export const filtersForm = z.object({
  from: z.union([z.literal(''), isoDate]).optional(),
  to: z.union([z.literal(''), isoDate]).optional(),
  townshipId: optionalId,
  organisationId: optionalId,
  recipientId: optionalId,
  kind: z.union([z.literal(''), choice(ACTIVITY_KINDS)]).optional(),
  page: z
    .string()
    .regex(/^\d{1,5}$/)
    .optional(),
});

export type FilterValues = z.infer<typeof filtersForm>;

/** The htmx check on the activity form: whichever of these are chosen so far (empty ones are ignored). */
export const doubleAidCheckQuery = z.object({
  organisationId: optionalId,
  occurredOn: z.union([z.literal(''), isoDate]).optional(),
  recipientIds: ids,
});

/** The county list's month, `YYYY-MM`; absent is the current month. */
export const doubleAidMonthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'doubleAid.badMonth' })
    .optional(),
});
