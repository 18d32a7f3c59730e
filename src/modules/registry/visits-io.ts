import { and, gte, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { careUnitHouseholds, careUnitMembers, careUnitVillages, recipients, visits } from '../../db/schema/index.js';
import { fitParams } from '../../db/types.js';
import { type IdNumberInfo, parseIdNumber } from '../../domain/id-number.js';
import type { VisitOutcome } from '../../domain/vocabulary.js';
import { type RowOf, VISIT_COLUMNS } from './formats.js';
import type { Plan, PlanInput, RowInput } from './pipeline.js';
import { emptyPlan, rowFailer } from './plan.js';
import { choiceFrom, dateFrom, VISIT_OUTCOME_ALIASES, VISIT_OUTCOME_LABELS } from './values.js';

type Row = RowOf<typeof VISIT_COLUMNS>;
const UNIT_KINDS = ['care_unit', 'social_org', 'station'] as const;

interface Parsed {
  row: number;
  on: string;
  id: IdNumberInfo;
  unit: { id: number; kind: string; townshipId: number | null; name: string };
  visitor: string | null;
  outcome: VisitOutcome;
  need: string | null;
  notes: string | null;
}

/** One row of a visit log: a known date not after today, a valid ID number, a registered unit, a known outcome. */
export function parseVisitRow({
  ctx,
  row: rowNumber,
  values: v,
  errors,
  today,
}: RowInput<Row> & { today: string }): Parsed | null {
  const t = ctx.t;
  const before = errors.length;
  const fail = rowFailer(VISIT_COLUMNS, rowNumber, errors);
  const on = dateFrom(v.date);
  if (!v.date) fail('date', t('form.required'));
  else if (!on) fail('date', t('registry.error.date', { value: v.date }));
  else if (on > today) fail('date', t('registry.error.futureDate', { date: on }));
  const id = parseIdNumber(v.id_number);
  if (!v.id_number) fail('id_number', t('form.required'));
  else if (!id.ok) fail('id_number', t('registry.error.notInRegister'));
  const units = UNIT_KINDS.map((k) => ctx.organisations.get(`${k}|${v.unit}`)).filter((u) => u !== undefined);
  if (!v.unit) fail('unit', t('form.required'));
  else if (units.length === 0) fail('unit', t('registry.error.unknownUnit', { name: v.unit }));
  else if (units.length > 1) fail('unit', t('registry.error.ambiguousUnit', { name: v.unit }));
  const outcome = choiceFrom(v.outcome, VISIT_OUTCOME_LABELS) ?? choiceFrom(v.outcome, VISIT_OUTCOME_ALIASES);
  if (!outcome)
    fail(
      'outcome',
      t('registry.error.choice', { value: v.outcome, choices: Object.values(VISIT_OUTCOME_LABELS).join(' / ') }),
    );
  for (const field of ['visitor', 'need', 'notes'] as const)
    if (v[field].length > 500) fail(field, t('form.tooLong', { max: 500 }));
  if (errors.length > before || !on || !id.ok || units.length !== 1 || !outcome) return null;
  return {
    row: rowNumber,
    on,
    id: id.info,
    unit: { ...units[0], name: v.unit },
    visitor: v.visitor || null,
    outcome,
    need: v.need || null,
    notes: v.notes || null,
  };
}

/** Which 守望之家 covers each household: its explicit assignment, else every unit of its village. */
async function coverage(db: Db) {
  const byVillage = new Map<number, Set<number>>();
  for (const r of await db.select().from(careUnitVillages))
    byVillage.set(r.villageId, (byVillage.get(r.villageId) ?? new Set()).add(r.unitId));
  const assigned = new Map((await db.select().from(careUnitHouseholds)).map((h) => [h.recipientId, h.unitId]));
  return (recipientId: number, villageId: number | null, unitId: number) => {
    const to = assigned.get(recipientId);
    if (to !== undefined) return to === unitId;
    return villageId !== null && !!byVillage.get(villageId)?.has(unitId);
  };
}

/**
 * Matches each row with the register (the ID number's keyed hash) and the visits already recorded under the same
 * key (household, day, unit): the same outcome is unchanged, another outcome is refused (corrections are made on
 * the visit pages, audited), a new one is inserted with its need. Every refusal names its row.
 */
export async function planVisits({ db, cipher, ctx, rows }: PlanInput<Parsed>): Promise<Plan> {
  const t = ctx.t;
  const plan = emptyPlan();
  if (rows.length === 0) return plan;
  const fail = (row: number, field: keyof Row, reason: string) =>
    rowFailer(VISIT_COLUMNS, row, plan.errors)(field, reason);
  const people = new Map(
    (
      await db
        .select({
          id: recipients.id,
          hash: recipients.idNumberHash,
          townshipId: recipients.townshipId,
          villageId: recipients.villageId,
          supportMode: recipients.supportMode,
        })
        .from(recipients)
    ).map((r) => [r.hash, r]),
  );
  const covers = await coverage(db);
  const dates = rows.map((r) => r.on).sort();
  const recorded = new Map<string, VisitOutcome>();
  for (const v of await db
    .select({ r: visits.recipientId, on: visits.visitedOn, o: visits.organisationId, outcome: visits.outcome })
    .from(visits)
    .where(
      and(isNotNull(visits.organisationId), gte(visits.visitedOn, dates[0]), lte(visits.visitedOn, dates.at(-1)!)),
    ))
    recorded.set(`${v.r}|${v.on}|${v.o}`, v.outcome);
  const doctors = new Set(
    (await db.select().from(careUnitMembers))
      .filter((m) => m.memberRole === 'village_doctor')
      .map((m) => `${m.unitId}|${m.name}`),
  );
  const seen = new Map<string, number>();
  // A log names each household many times: hash each ID number once.
  const hashes = new Map<string, string>();
  const hashOf = (id: string) => hashes.get(id) ?? hashes.set(id, cipher.lookupHash(id)).get(id)!;
  // Rows without a need go in as multi-row inserts (a month of a county is ~50,000 rows); a row with a need is its
  // own insert, so the need can follow it through changes() and last_insert_rowid().
  const plain: SQL[] = [];
  const bound = ctx.isAdmin ? null : ctx.viewer.townshipId;
  const at = ctx.now.getTime();
  for (const p of rows) {
    const person = people.get(hashOf(p.id.value));
    if (!person) {
      fail(p.row, 'id_number', t('registry.error.notInRegister'));
      continue;
    }
    if (bound !== null && person.townshipId !== bound) {
      fail(p.row, 'id_number', t('registry.error.otherTownship'));
      continue;
    }
    if (person.supportMode !== 'home') {
      fail(p.row, 'id_number', t('registry.error.notHome'));
      continue;
    }
    const outside =
      (p.unit.kind === 'care_unit' && !covers(person.id, person.villageId, p.unit.id)) ||
      (p.unit.kind === 'station' && p.unit.townshipId !== person.townshipId);
    if (outside) {
      fail(p.row, 'unit', t('registry.error.outsideUnit', { name: p.unit.name }));
      continue;
    }
    const key = `${person.id}|${p.on}|${p.unit.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(p.row, 'date', t('registry.error.duplicate', { row: first }));
      continue;
    }
    seen.set(key, p.row);
    const already = recorded.get(key);
    if (already === p.outcome) {
      plan.unchanged++;
      continue;
    }
    if (already !== undefined) {
      fail(p.row, 'outcome', t('registry.error.conflict', { name: p.unit.name }));
      continue;
    }
    plan.created++;
    const visitorKind =
      p.unit.kind === 'station'
        ? 'station_worker'
        : p.unit.kind === 'social_org'
          ? 'volunteer'
          : doctors.has(`${p.unit.id}|${p.visitor}`)
            ? 'village_doctor'
            : 'watch_home_member';
    // The shell's actor id 0 is no user: the row then has no recorder (the audit row names the import).
    const by = ctx.viewer.id || null;
    const values = sql`(${person.id}, ${p.on}, 'home_visit', ${visitorKind}, ${p.visitor}, '[]', ${p.outcome}, ${p.notes},
      ${by}, ${p.unit.id}, ${at})`;
    if (!p.need) {
      plain.push(values);
      continue;
    }
    plan.statements.push(
      visitInsert(db, [values]),
      db.run(sql`INSERT INTO needs (recipient_id, visit_id, category, urgency, text, status, opened_on, created_by, created_at, updated_at)
          SELECT ${person.id}, last_insert_rowid(), 'other', 'normal', ${p.need}, 'open', ${p.on}, ${by}, ${at}, ${at}
          WHERE changes() = 1`),
    );
  }
  for (const run of fitParams(db, plain, 9)) plan.statements.push(visitInsert(db, run));
  return plan;
}

function visitInsert(db: Db, rows: SQL[]) {
  return db.run(sql`INSERT INTO visits (recipient_id, visited_on, kind, visitor_kind, visitor_names, volunteer_ids,
      outcome, notes, recorded_by, organisation_id, created_at)
    VALUES ${sql.join(rows, sql`, `)}
    ON CONFLICT DO NOTHING`);
}
