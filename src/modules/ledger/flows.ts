import type { FieldErrors, FormValues } from '../../lib/form.js';
import { parseForm } from '../../lib/form.js';
import { translateMessage } from '../../lib/i18n/index.js';
import { randomToken } from '../../lib/tokens.js';
import { doubleAidWarning } from './double-aid.js';
import { asList, idsOf, type LedgerContext, type NewActivityModel, newActivityModel } from './pages.js';
import { ownsOrganisation } from './policy.js';
import { type ActivityDetail, findActivity, searchRecipients } from './queries.js';
import { activityForm, parseLines, reverseForm, voidForm } from './schema.js';
import { formKey, type LineInput, recordResolved, resolveActivity, reverseLine } from './service.js';
import { voidActivity } from './void.js';

export type SubmitOutcome =
  | { kind: 'saved'; id: number }
  | { kind: 'again'; status: 200 | 422; model: NewActivityModel };

/**
 * Records an activity from the form: validates it, checks the organisation and households are the viewer's to
 * record, then — when other bodies aided a chosen household within the window — asks once to confirm (a confirm
 * step, the earlier aid shown); saved after confirming, the confirmation is audited in the same batch.
 */
export async function submitActivity(ctx: LedgerContext & { values: FormValues }): Promise<SubmitOutcome> {
  const { db, actor, t, values } = ctx;
  const again = async (errors: FieldErrors, extra: Partial<NewActivityModel> = {}) => ({
    kind: 'again' as const,
    status: 422 as const,
    model: { ...(await newActivityModel({ ...ctx, errors })), ...extra },
  });
  const form = parseForm(activityForm, values, t);
  const lines = parseLines(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, asList(v)])));
  if (!form.ok || 'error' in lines || lines.lines.length === 0) {
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    if ('error' in lines) errors.lines = translateMessage(t, lines.error.message);
    else if (lines.lines.length === 0) errors.lines = t('activities.needLine');
    return again(errors);
  }
  const { idempotencyKey, ...rest } = form.data;
  const input = { ...rest, lines: lines.lines };
  // The organisation and households as the write needs them, read once for the checks and the write.
  const resolved = await resolveActivity(db, input);
  if (resolved === 'bad_organisation' || (typeof resolved !== 'string' && !ownsOrganisation(actor, resolved.org)))
    return again({ organisationId: t('form.invalidChoice') });
  // Households must be within the viewer's pickable scope (a station: its township).
  const wanted = form.data.recipientIds;
  const allowed = wanted.length ? await searchRecipients(db, actor, '', wanted) : [];
  if (typeof resolved === 'string' || allowed.length !== new Set(wanted).size)
    return again({ targets: t('activities.badTarget') });
  const earlier = await doubleAidWarning(db, { ...form.data, days: ctx.doubleAidDays });
  const seen = new Set(idsOf(values.confirmDoubleAid));
  if (earlier.some((e) => !seen.has(e.activityId)))
    return {
      kind: 'again',
      status: 200,
      model: await newActivityModel({ ...ctx, doubleAid: earlier, confirm: true }),
    };
  const result = await recordResolved({
    db,
    input,
    resolved,
    idempotencyKey: formKey(actor.id, idempotencyKey),
    actorUserId: actor.id,
    now: ctx.now,
    doubleAid: [...new Set(earlier.map((e) => e.activityId))],
  });
  if (!result.ok) {
    const message = result.reason === 'key_reused' ? t('activities.keyReused') : t('activities.badTarget');
    return again({ _form: message }, { formKey: randomToken(16, 'hex') });
  }
  if (result.created) ctx.logger.info('activity_recorded', { by: actor.id, activityId: result.id });
  return { kind: 'saved', id: result.id };
}

export type CorrectionOutcome =
  | { kind: 'done'; location: string }
  | { kind: 'missing' }
  | { kind: 'refused'; detail: ActivityDetail; error: string };

/** Reverses one line of an activity (冲销), optionally with a replacement amount, from the line's form. */
export async function reverseFromForm(
  ctx: LedgerContext & { activityId: number; lineId: number; values: FormValues },
): Promise<CorrectionOutcome> {
  const { db, actor, t } = ctx;
  const detail = await findActivity(db, actor, ctx.activityId);
  const line = detail?.lines.find((l) => l.id === ctx.lineId);
  if (!detail || !line) return { kind: 'missing' };
  const form = parseForm(reverseForm, ctx.values, t);
  if (!form.ok) return { kind: 'refused', detail, error: Object.values(form.errors)[0] };
  const replacement: LineInput | null =
    form.data.replacement === null || line.kind === 'service'
      ? null
      : {
          kind: line.kind,
          amountFen: form.data.replacement,
          goodsName: line.goodsName,
          quantity: line.quantity,
          unit: line.unit,
          serviceKind: null,
          serviceCentihours: 0,
          volunteers: null,
        };
  const result = await reverseLine(db, line, replacement, {
    reason: form.data.reason,
    actorUserId: actor.id,
    now: ctx.now,
  });
  if (!result.ok)
    return {
      kind: 'refused',
      detail: (await findActivity(db, actor, ctx.activityId))!,
      error: t('activities.alreadyReversed'),
    };
  ctx.logger.info('ledger_line_reversed', { by: actor.id, lineId: line.id });
  return { kind: 'done', location: `/activities/${ctx.activityId}` };
}

/** Voids an activity (作废) with its reason; `next=again` goes on to the form filled in from it (decision 0176). */
export async function voidFromForm(
  ctx: LedgerContext & { activityId: number; values: FormValues },
): Promise<CorrectionOutcome> {
  const { db, actor, t, activityId } = ctx;
  const detail = await findActivity(db, actor, activityId);
  if (!detail) return { kind: 'missing' };
  const form = parseForm(voidForm, ctx.values, t);
  if (!form.ok) return { kind: 'refused', detail, error: Object.values(form.errors)[0] };
  if (detail.voided) return { kind: 'refused', detail, error: t('activity.alreadyVoided') };
  const done = await voidActivity({ db, activityId, reason: form.data.reason, actorUserId: actor.id, now: ctx.now });
  if (!done.ok)
    return {
      kind: 'refused',
      detail: (await findActivity(db, actor, activityId))!,
      error: t('activity.alreadyVoided'),
    };
  const again = form.data.next === 'again';
  return { kind: 'done', location: again ? `/activities/new?from=${activityId}` : `/activities/${activityId}` };
}
