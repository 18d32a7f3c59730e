import { z } from 'zod';
import { NEED_CATEGORIES, NEED_URGENCIES, VISIT_KINDS, VISIT_OUTCOMES, VISITOR_KINDS } from '../../db/schema/index.js';
import { parseHundredths } from '../../domain/money.js';
import { SKILL_CODES, type Skill } from '../../domain/skills.js';
import {
  FUNDING_SOURCES,
  type FundingSource,
  MET_OUTCOMES,
  VISIT_SERVICE_KINDS,
  type VisitServiceKind,
} from '../../domain/vocabulary.js';
import { choice, isoDate, optionalText, requiredText } from '../../lib/zod-fields.js';

/** The outcome of a visit and the optional need found on it: shared by the station's and the volunteer's forms. */
const outcomeFields = {
  outcome: choice(VISIT_OUTCOMES),
  notes: optionalText(1000),
  needCategory: z
    .union([z.literal(''), choice(NEED_CATEGORIES)])
    .optional()
    .transform((v) => v || null),
  needUrgency: choice(NEED_URGENCIES).optional().default('normal'),
  needText: optionalText(500),
};

function needNamesCategory(v: { needText: string | null; needCategory: string | null }, ctx: z.RefinementCtx) {
  if (v.needText && !v.needCategory)
    ctx.addIssue({ code: 'custom', path: ['needCategory'], message: 'visits.record.needCategoryRequired' });
}

/** The station's "record a visit" form, with an optional need found on the visit. */
export const visitForm = z
  .object({
    visitedOn: isoDate,
    kind: choice(VISIT_KINDS),
    visitorKind: choice(VISITOR_KINDS),
    visitorNames: optionalText(100),
    ...outcomeFields,
  })
  .superRefine(needNamesCategory);
export type VisitInput = z.infer<typeof visitForm>;

export const assignNeedForm = z.object({ assignee: requiredText(50) });
export const resolveNeedForm = z.object({ resolution: requiredText(500) });

export const overdueFilter = z.object({
  township: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number)
    .optional()
    .catch(undefined),
});

/** A volunteer's outcome for one household on their list; date, kind and visitor come from the plan. */
/** An amount in 元 typed on a phone ("50", "12.5"): fen, or null when left empty. */
const optionalYuan = z
  .string()
  .optional()
  .transform((s) => (s ?? '').trim())
  .pipe(z.union([z.literal(''), z.string().refine((s) => (parseHundredths(s) ?? 0) > 0, { error: 'line.badMoney' })]))
  .transform((s) => (s === '' ? null : parseHundredths(s)!));

const listOf = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Service rows on the phone form: `serviceKind` and `serviceHours` repeated, paired by position, blank rows skipped. */
function serviceRows(kinds: string[], hours: string[], ctx: z.RefinementCtx) {
  const rows: { kind: VisitServiceKind; centihours: number }[] = [];
  for (let i = 0; i < Math.max(kinds.length, hours.length); i++) {
    const kind = (kinds[i] ?? '').trim();
    const typed = (hours[i] ?? '').trim();
    if (!kind && !typed) continue;
    const centihours = parseHundredths(typed);
    if (!(VISIT_SERVICE_KINDS as readonly string[]).includes(kind))
      ctx.addIssue({ code: 'custom', path: ['serviceKind'], message: 'field.serviceKindRequired' });
    else if (centihours === null || centihours <= 0 || centihours > 2400)
      ctx.addIssue({ code: 'custom', path: ['serviceHours'], message: 'field.serviceHoursInvalid' });
    else rows.push({ kind: kind as VisitServiceKind, centihours });
  }
  return rows;
}

export const outcomeForm = z
  .object({
    ...outcomeFields,
    // Aid handed over on the visit: it goes into the aid ledger under the shift's organisation.
    aidCash: optionalYuan,
    aidGoodsName: optionalText(50),
    aidGoodsQuantity: z
      .string()
      .optional()
      .transform((s) => (s ?? '').trim())
      .pipe(z.union([z.literal(''), z.string().regex(/^\d{1,6}(\.\d{1,2})?$/, { error: 'form.invalid' })]))
      .transform((s) => (s === '' ? null : Number(s))),
    aidGoodsUnit: optionalText(10),
    aidGoodsValue: optionalYuan,
    // 资金来源 of what is handed over: the activity form's choices; empty is 未注明.
    aidSource: z
      .string()
      .optional()
      .transform((s) => (s ?? '').trim())
      .refine((s) => s === '' || (FUNDING_SOURCES as readonly string[]).includes(s), { error: 'line.badSource' })
      .transform((s) => (s === '' ? null : (s as FundingSource))),
    serviceKind: z.union([z.string(), z.array(z.string())]).optional(),
    serviceHours: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .transform(({ serviceKind, serviceHours, ...rest }, ctx) => ({
    ...rest,
    services: serviceRows(listOf(serviceKind), listOf(serviceHours), ctx),
  }))
  .superRefine((v, ctx) => {
    needNamesCategory(v, ctx);
    // Nobody met, nothing handed over: aid and services need someone at home to receive them.
    if (!MET_OUTCOMES.includes(v.outcome)) {
      const handed = v.aidCash !== null || v.aidGoodsName !== null || v.aidGoodsValue !== null || v.services.length;
      if (handed) ctx.addIssue({ code: 'custom', path: ['aidCash'], message: 'field.aidNeedsVisit' });
    }
    if (v.aidGoodsName && v.aidGoodsValue === null)
      ctx.addIssue({ code: 'custom', path: ['aidGoodsValue'], message: 'today.aidValueRequired' });
    if (!v.aidGoodsName && v.aidGoodsValue !== null)
      ctx.addIssue({ code: 'custom', path: ['aidGoodsName'], message: 'today.aidNameRequired' });
  });
export type OutcomeInput = z.infer<typeof outcomeForm>;

export const todayQuery = z.object({ date: isoDate.optional().catch(undefined) });

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]));

/** What a recipient's visits require: skills, two visitors, volunteers who must not come. */
export const requirementsForm = z.object({
  skills: many.pipe(z.array(choice(SKILL_CODES as [Skill, ...Skill[]]))),
  visitors: z.enum(['1', '2'], { error: 'form.invalidChoice' }).transform(Number),
  excluded: many.pipe(
    z.array(
      z
        .string()
        .regex(/^\d{1,9}$/, { error: 'form.invalidChoice' })
        .transform(Number),
    ),
  ),
});
export type RequirementsInput = z.infer<typeof requirementsForm>;

const interval = (max: number) =>
  z.coerce
    .number({ message: 'form.required' })
    .int('form.invalidNumber')
    .min(1, 'form.invalidNumber')
    .max(max, 'form.invalidNumber');

/** The county's visit cadence: days between visits per self-care level. */
export const cadenceForm = z.object({ full: interval(30), partial: interval(60), self: interval(90) });
