import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type ActivityKind, activities } from '../../db/schema/index.js';
import { fitParams } from '../../db/types.js';
import { parseHundredths } from '../../domain/money.js';
import type { FundingSource } from '../../domain/vocabulary.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { ImportContext, RowError } from '../registry/context.js';
import type { Importer, Plan, RowInput } from '../registry/pipeline.js';
import { choiceFrom, dateFrom } from '../registry/values.js';
import { type ActivityFigures, figuresOf } from './import-figures.js';
import {
  type ActivityInput,
  activityStatements,
  contentHash,
  type LineInput,
  NO_LINE_DETAIL,
  randomNonce,
  resolveActivity,
} from './service.js';
import {
  ACTIVITY_COLUMNS,
  type ActivityField,
  type ActivitySheetRow,
  HOUSEHOLD,
  headerOf,
  KIND_LABELS,
  NURSING_HOME,
  SOURCE_LABELS,
} from './sheet.js';

/** One row of the activities sheet, checked: its activity's head, its target and its lines. */
export interface ActivityRow {
  row: number;
  ref: string;
  date: string;
  organisationId: number;
  kind: ActivityKind;
  target: { homeId: number } | { idNumber: string } | null;
  lines: LineInput[];
}

const line = (l: Partial<LineInput> & Pick<LineInput, 'kind' | 'fundingSource'>): LineInput => ({
  amountFen: 0,
  ...NO_LINE_DETAIL,
  ...l,
});

/** An aid-giving organisation by name: a 守望之家 records care visits, never aid (decision 0170). */
function organisationOf(ctx: ImportContext, name: string): { id: number } | { error: string } {
  const found = (['social_org', 'station', 'nursing_home', 'care_unit'] as const)
    .map((kind) => ctx.organisations.get(`${kind}|${name}`))
    .filter((o) => o !== undefined);
  if (found.length === 0) return { error: ctx.t('registry.error.unknownOrganisation', { name }) };
  if (found.length > 1) return { error: ctx.t('import.ambiguousOrganisation', { name }) };
  if (found[0].kind === 'care_unit') return { error: ctx.t('import.careUnit', { name }) };
  return { id: found[0].id };
}

const choices = (labels: Record<string, string>) => Object.values(labels).join(' / ');

/** Checks one row, naming every bad cell; null when the row cannot be imported (or is blank where it counts). */
export function parseActivityRow({ ctx, row, values: v, errors }: RowInput<ActivitySheetRow>) {
  if (Object.values(v).every((x) => x === '')) return null;
  const t = ctx.t;
  const before = errors.length;
  const fail = (field: ActivityField, reason: string) => errors.push({ row, column: headerOf(field), reason });
  if (!v.ref) fail('ref', t('form.required'));
  const date = dateFrom(v.date);
  if (!v.date) fail('date', t('form.required'));
  else if (!date) fail('date', t('registry.error.date', { value: v.date }));
  const kind = choiceFrom(v.kind, KIND_LABELS);
  if (!kind) fail('kind', t('registry.error.choice', { value: v.kind, choices: choices(KIND_LABELS) }));
  const org = organisationOf(ctx, v.organisation);
  if ('error' in org) fail('organisation', v.organisation ? org.error : t('form.required'));
  const fundingSource: FundingSource | null | undefined =
    v.source === '' || v.source === '未注明' ? null : choiceFrom(v.source, SOURCE_LABELS);
  if (fundingSource === undefined) fail('source', t('import.badSource'));

  let target: ActivityRow['target'] = null;
  if (v.target && v.targetKind === NURSING_HOME) {
    const home = ctx.organisations.get(`nursing_home|${v.target}`);
    if (home) target = { homeId: home.id };
    else fail('target', t('registry.error.unknownNursingHome', { name: v.target }));
  } else if (v.target && v.targetKind === HOUSEHOLD) target = { idNumber: v.target.toUpperCase() };
  else if (v.target)
    fail('targetKind', t('registry.error.choice', { value: v.targetKind, choices: `${HOUSEHOLD} / ${NURSING_HOME}` }));

  const lines: LineInput[] = [];
  const source = fundingSource ?? null;
  const amount = (field: ActivityField, text: string) => {
    const n = parseHundredths(text);
    if (n === null || n <= 0) fail(field, t(field === 'hours' ? 'import.badHours' : 'import.badMoney'));
    return n ?? 0;
  };
  if (v.cash) lines.push(line({ kind: 'cash', amountFen: amount('cash', v.cash), fundingSource: source }));
  if (v.goodsValue || v.goodsName) {
    const quantity = v.quantity === '' ? null : Number(v.quantity);
    if (quantity !== null && !Number.isFinite(quantity)) fail('quantity', t('import.badQuantity'));
    const amountFen = amount('goodsValue', v.goodsValue);
    lines.push(
      line({
        kind: 'goods',
        amountFen,
        goodsName: v.goodsName || null,
        quantity,
        unit: v.unit || null,
        fundingSource: source,
      }),
    );
  }
  if (v.hours)
    lines.push(line({ kind: 'service', serviceCentihours: amount('hours', v.hours), fundingSource: source }));
  if (errors.length > before || !date || !kind || 'error' in org) return null;
  return { row, ref: v.ref, date, organisationId: org.id, kind, target, lines } satisfies ActivityRow;
}

interface Group {
  firstRow: number;
  input: ActivityInput;
}

/** The rows by 活动编号 (one activity a number); a row whose head differs from the first row's is refused. */
function groupRows(ctx: ImportContext, rows: ActivityRow[], errors: RowError[]) {
  const groups = new Map<string, Group>();
  const households: { row: number; ref: string; idNumber: string }[] = [];
  for (const r of rows) {
    let g = groups.get(r.ref);
    if (!g) {
      g = {
        firstRow: r.row,
        input: {
          organisationId: r.organisationId,
          occurredOn: r.date,
          kind: r.kind,
          serviceDayId: null,
          shiftId: null,
          note: null,
          recipientIds: [],
          nursingHomeIds: [],
          lines: [],
          externalRef: r.ref,
        },
      };
      groups.set(r.ref, g);
    } else if (
      g.input.occurredOn !== r.date ||
      g.input.organisationId !== r.organisationId ||
      g.input.kind !== r.kind
    ) {
      errors.push({ row: r.row, column: headerOf('ref'), reason: ctx.t('import.inconsistent', { ref: r.ref }) });
      continue;
    }
    if (r.target && 'homeId' in r.target) {
      if (!g.input.nursingHomeIds.includes(r.target.homeId)) g.input.nursingHomeIds.push(r.target.homeId);
    } else if (r.target) households.push({ row: r.row, ref: r.ref, idNumber: r.target.idNumber });
    g.input.lines.push(...r.lines);
  }
  return { groups, households };
}

/** Home-supported recipients by the keyed hash of their ID number (never decrypted, never logged). */
async function householdsByHash(db: Db, hashes: string[]) {
  const found = new Map<string, number>();
  for (const chunk of fitParams(db, hashes, 1, 1)) {
    const rows = (await db.all(
      sql`SELECT id, id_number_hash AS h FROM recipients WHERE support_mode = 'home' AND id_number_hash IN (${sql.join(
        chunk.map((h) => sql`${h}`),
        sql`, `,
      )})`,
    )) as { id: number; h: string }[];
    for (const r of rows) found.set(r.h, Number(r.id));
  }
  return found;
}

/** The content hash of each 活动编号 already imported. */
async function importedRefs(db: Db, refs: string[]) {
  const existing = new Map<string, string>();
  for (const chunk of fitParams(db, refs, 1)) {
    const rows = await db
      .select({ ref: activities.externalRef, hash: activities.contentHash })
      .from(activities)
      .where(inArray(activities.externalRef, chunk));
    for (const r of rows) if (r.ref) existing.set(r.ref, r.hash);
  }
  return existing;
}

/**
 * What the rows would write: one activity per new 活动编号 with its targets and lines. A number imported before
 * with the same content is unchanged; with other content it is refused (recorded aid is corrected by reversal).
 */
export async function planActivities(input: {
  db: Db;
  cipher: PersonalDataCipher;
  ctx: ImportContext;
  rows: ActivityRow[];
  apply: boolean;
}): Promise<Plan<ActivityFigures>> {
  const { db, cipher, ctx } = input;
  const errors: RowError[] = [];
  const { groups, households } = groupRows(ctx, input.rows, errors);
  const hashOf = new Map(households.map((h) => [h.idNumber, cipher.lookupHash(h.idNumber)]));
  const found = await householdsByHash(db, [...new Set(hashOf.values())]);
  for (const h of households) {
    const id = found.get(hashOf.get(h.idNumber)!);
    const g = groups.get(h.ref)!;
    if (id === undefined)
      errors.push({ row: h.row, column: headerOf('target'), reason: ctx.t('import.unknownRecipient') });
    else if (!g.input.recipientIds.includes(id)) g.input.recipientIds.push(id);
  }
  const noTarget = (ref: string, g: Group) =>
    errors.push({ row: g.firstRow, column: headerOf('target'), reason: ctx.t('import.noTarget', { ref }) });
  for (const [ref, g] of groups)
    if (g.input.recipientIds.length + g.input.nursingHomeIds.length === 0) noTarget(ref, g);
  const existing = await importedRefs(db, [...groups.keys()]);
  const fresh: Group[] = [];
  let unchanged = 0;
  for (const [ref, g] of groups) {
    const had = existing.get(ref);
    if (had === undefined) fresh.push(g);
    else if (had === contentHash(g.input)) unchanged += 1;
    else errors.push({ row: g.firstRow, column: headerOf('ref'), reason: ctx.t('import.changed', { ref }) });
  }
  const plan: Plan<ActivityFigures> = { created: fresh.length, updated: 0, unchanged, statements: [], errors };
  plan.figures = figuresOf(fresh.map((g) => g.input));
  // A preview stops here: the rows' checks above already refuse what resolving each activity would (a 守望之家,
  // a target that is no home-supported household or nursing home, none at all), and resolving is the costly part.
  if (errors.length || !input.apply) return plan;
  // The shell's actor id 0 is no user: its activities have no recorder (the audit row names the import).
  const meta = { actorUserId: ctx.viewer.id || null, now: ctx.now };
  for (const g of fresh) {
    const resolved = await resolveActivity(db, g.input);
    if (typeof resolved === 'string') noTarget(g.input.externalRef!, g);
    else {
      const key = { ...meta, idempotencyKey: `import:${g.input.externalRef}`, nonce: randomNonce() };
      plan.statements.push(...activityStatements(db, g.input, resolved, key));
    }
  }
  return plan;
}

/** The activities sheet as the registry's pipeline imports it: same upload, preview, errors, batch and audit. */
export const activitiesImporter: Importer<ActivityRow, ActivityFigures> = {
  entity: 'activity',
  columns: ACTIVITY_COLUMNS,
  // Rows repeat a 活动编号 on purpose (one row per line): no duplicate key.
  parse: parseActivityRow,
  plan: planActivities,
};
