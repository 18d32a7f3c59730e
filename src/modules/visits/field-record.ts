import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type ActivityKind, activities, type WorkKind } from '../../db/schema/index.js';
import { changedRows, type DbRunResult } from '../../db/types.js';
import { businessDate } from '../../domain/dates.js';
import { VISIT_SERVICE_KINDS, type VisitKind, type VisitServiceKind } from '../../domain/vocabulary.js';
import type { Translate } from '../../lib/i18n/index.js';
import { activityStatements, type LineInput, NO_LINE_DETAIL, randomNonce, resolveActivity } from '../ledger/service.js';
import type { OutcomeInput } from './schema.js';
import { visitStatements } from './service.js';

/** A household on a published plan: where the visit's date, kind and the aid's organisation come from. */
export interface PlannedHousehold {
  /** The plan assignment: it keys the aid, so a resubmission records it once. */
  id: number;
  date: string;
  workKind: WorkKind;
  organisationId: number;
  serviceDayId: number | null;
  shiftId: number;
  recipientId: number;
}

export interface FieldVisit {
  db: Db;
  household: PlannedHousehold;
  input: OutcomeInput;
  /** Who went: the volunteers (ids and names) whose list the household is on. */
  visitor: { volunteerIds: number[]; names: string };
  recordedBy: number;
  /** The ledger's words, in the recorder's language: the activity note and each service kind's name. */
  words: { note: string; correction: string; service: Record<VisitServiceKind, string> };
  now: Date;
}

export type FieldVisitResult =
  | { ok: true; written: boolean; aid: 'none' | 'recorded' | 'kept' }
  | { ok: false; reason: 'bad_target' | 'not_yet' };

const KIND_OF_WORK: Record<WorkKind, VisitKind> = {
  home_visit: 'home_visit',
  care_assistance: 'care_support',
  condolence: 'condolence',
  other: 'other',
};
const ACTIVITY_OF_WORK: Record<WorkKind, ActivityKind> = {
  home_visit: 'home_visit',
  care_assistance: 'care',
  condolence: 'condolence',
  other: 'other',
};

/** Cash, goods and services of a visit as ledger lines of the visiting organisation, with the aid's funding source. */
export function aidLines(input: OutcomeInput, words: FieldVisit['words'], volunteers: number): LineInput[] {
  // One 资金来源 for the visit's aid, as chosen on the form (未注明 when left empty).
  const BLANK = { ...NO_LINE_DETAIL, fundingSource: input.aidSource };
  const lines: LineInput[] = [];
  if (input.aidCash) lines.push({ ...BLANK, kind: 'cash', amountFen: input.aidCash });
  if (input.aidGoodsName && input.aidGoodsValue)
    lines.push({
      ...BLANK,
      kind: 'goods',
      amountFen: input.aidGoodsValue,
      goodsName: input.aidGoodsName,
      quantity: input.aidGoodsQuantity,
      unit: input.aidGoodsUnit,
    });
  for (const s of input.services)
    lines.push({
      ...BLANK,
      kind: 'service',
      amountFen: 0,
      serviceKind: words.service[s.kind],
      serviceCentihours: s.centihours,
      volunteers,
    });
  return lines;
}

/** The ledger's words for a visit's aid, in the recorder's language. */
export function visitWords(t: Translate): FieldVisit['words'] {
  const service = Object.fromEntries(VISIT_SERVICE_KINDS.map((k) => [k, t(`serviceKind.${k}`)]));
  return {
    note: t('today.aidNote'),
    correction: t('field.correctionReason'),
    service: service as Record<VisitServiceKind, string>,
  };
}

/** The aid of a planned visit as an activity of the shift's organisation. */
export function aidActivity(h: PlannedHousehold, note: string, lines: LineInput[]) {
  return {
    organisationId: h.organisationId,
    occurredOn: h.date,
    kind: ACTIVITY_OF_WORK[h.workKind],
    serviceDayId: h.serviceDayId,
    shiftId: h.shiftId,
    note,
    recipientIds: [h.recipientId],
    nursingHomeIds: [],
    lines,
  };
}

/** The aid's idempotency key: one activity per household on the plan and recorder. */
export function visitAidKey(assignmentId: number, userId: number): string {
  return `visit-aid-${assignmentId}-${userId}`;
}

/** A field visit's statements for one batch, with what tells afterwards whether its aid was this write's. */
export interface PreparedFieldVisit {
  statements: unknown[];
  key: string;
  nonce: string;
  aid: boolean;
}

/**
 * Everything a field visit writes — the visit, its need and task, and the aid's activity and lines — as statements for
 * one batch, once the aid's organisation and household are known to be valid ('bad_target' otherwise, nothing read
 * twice). Results entry prepares every row of a sheet this way before it writes any.
 */
export async function prepareFieldVisit(
  v: FieldVisit,
): Promise<PreparedFieldVisit | { ok: false; reason: 'bad_target' | 'not_yet' }> {
  const { db, household: h, input } = v;
  if (h.date > businessDate(v.now)) return { ok: false, reason: 'not_yet' };
  const visit = {
    ...input,
    visitedOn: h.date,
    kind: KIND_OF_WORK[h.workKind],
    visitorKind: 'volunteer' as const,
    visitorNames: v.visitor.names,
  };
  const statements: unknown[] = visitStatements({
    db,
    recipientId: h.recipientId,
    input: visit,
    recordedBy: v.recordedBy,
    now: v.now,
    by: { volunteerIds: v.visitor.volunteerIds, once: true },
  });
  const lines = aidLines(input, v.words, v.visitor.volunteerIds.length);
  const key = visitAidKey(h.id, v.recordedBy);
  const nonce = randomNonce();
  if (lines.length) {
    const activity = aidActivity(h, v.words.note, lines);
    const resolved = await resolveActivity(db, activity);
    if (typeof resolved === 'string') return { ok: false, reason: 'bad_target' };
    statements.push(
      ...activityStatements(db, activity, resolved, {
        idempotencyKey: key,
        actorUserId: v.recordedBy,
        now: v.now,
        nonce,
      }),
    );
  }
  return { statements, key, nonce, aid: lines.length > 0 };
}

/**
 * Records a visit from a plan — outcome, need, and the aid and services handed over — as ONE batch: a crash
 * between the visit and its ledger lines can no longer split the use case. A resubmission writes nothing twice: the
 * visit is guarded per recipient, day and recorder, the aid by its key (decision 0061, 0063).
 */
export async function recordFieldVisit(v: FieldVisit): Promise<FieldVisitResult> {
  const { db } = v;
  const prepared = await prepareFieldVisit(v);
  if (!('statements' in prepared)) return prepared;
  const [written] = await db.batch(prepared.statements as unknown as Parameters<typeof db.batch>[0]);
  const visitWritten = changedRows(written as DbRunResult) === 1;
  if (!prepared.aid) return { ok: true, written: visitWritten, aid: 'none' };
  const row = await db
    .select({ nonce: activities.writeNonce })
    .from(activities)
    .where(eq(activities.idempotencyKey, prepared.key))
    .get();
  return { ok: true, written: visitWritten, aid: row?.nonce === prepared.nonce ? 'recorded' : 'kept' };
}
