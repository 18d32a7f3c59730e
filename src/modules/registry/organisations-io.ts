import { eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  careUnitVillages,
  incubationEvents,
  type OrganisationKind,
  organisations,
  townships,
  villages,
} from '../../db/schema/index.js';
import { auditInsert } from '../../lib/audit.js';
import type { Cell } from '../../lib/spreadsheet/index.js';
import type { IdRef } from './context.js';
import { ORGANISATION_COLUMNS, type RowOf } from './formats.js';
import type { Plan, PlanInput, RowInput } from './pipeline.js';
import { changesOf, emptyPlan, planUpdate, rowFailer } from './plan.js';
import { choiceFrom, INCUBATION_LABELS, ORGANISATION_KIND_LABELS } from './values.js';

type Row = RowOf<typeof ORGANISATION_COLUMNS>;

interface Parsed {
  row: number;
  name: string;
  kind: OrganisationKind;
  townshipRef: IdRef | null;
  creditCode: string | null;
  incubationStage: 'applied' | 'incubating' | 'graduated' | 'withdrawn' | null;
  incubationYear: number | null;
  contactName: string | null;
  contactPhone: string | null;
  /** A 守望之家's villages (覆盖村), each an id or the sub-select of a village this import creates. */
  villageRefs: IdRef[];
}

/** 覆盖村 lists village names separated by 、 ; , or spaces (Chinese or ASCII punctuation). */
export function villageNames(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、;；,，\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

export function parseOrganisationRow({ ctx, row: rowNumber, values: v, errors }: RowInput<Row>): Parsed | null {
  const t = ctx.t;
  const before = errors.length;
  const fail = rowFailer(ORGANISATION_COLUMNS, rowNumber, errors);
  if (!ctx.isAdmin) {
    fail('name', t('error.forbidden.body'));
    return null;
  }
  if (!v.name) fail('name', t('form.required'));
  else if (v.name.length > 100) fail('name', t('form.tooLong', { max: 100 }));
  const kind = choiceFrom(v.kind, ORGANISATION_KIND_LABELS);
  if (!kind)
    fail(
      'kind',
      t('registry.error.choice', { value: v.kind, choices: Object.values(ORGANISATION_KIND_LABELS).join(' / ') }),
    );
  let townshipRef: IdRef | null = null;
  if (v.township) {
    const found = ctx.township(v.township);
    if ('error' in found) fail('township', found.error);
    else townshipRef = found.ref;
  } else if (kind === 'station' || kind === 'nursing_home' || kind === 'care_unit')
    fail('township', t('form.required'));
  const villageRefs: IdRef[] = [];
  if (kind === 'care_unit') {
    const names = villageNames(v.villages);
    if (!names.length) fail('villages', t('form.required'));
    const found = v.township ? ctx.township(v.township) : null;
    if (found && !('error' in found))
      for (const name of names) {
        const village = ctx.village(v.township, found.id, name);
        if ('error' in village) fail('villages', village.error);
        else villageRefs.push(village.ref);
      }
  } else if (v.villages) fail('villages', t('registry.error.villagesOnlyForUnits'));
  const stage = v.incubation_stage ? (choiceFrom(v.incubation_stage, INCUBATION_LABELS) ?? null) : null;
  if (v.incubation_stage && !stage)
    fail(
      'incubation_stage',
      t('registry.error.choice', { value: v.incubation_stage, choices: Object.values(INCUBATION_LABELS).join(' / ') }),
    );
  const year = v.incubation_year ? Number(v.incubation_year) : null;
  if (v.incubation_year && !(Number.isInteger(year) && year! >= 1990 && year! <= 2100))
    fail('incubation_year', t('registry.error.year', { value: v.incubation_year }));
  if (errors.length > before || !kind) return null;
  return {
    row: rowNumber,
    name: v.name,
    kind,
    townshipRef,
    creditCode: v.credit_code || null,
    incubationStage: kind === 'social_org' ? stage : null,
    incubationYear: kind === 'social_org' ? year : null,
    contactName: v.contact_name || null,
    contactPhone: v.contact_phone || null,
    villageRefs,
  };
}

/** Organisations match by name and kind; a changed incubation stage also records a dated stage change. */
export async function planOrganisations({
  db,
  ctx,
  rows,
  today,
}: PlanInput<Parsed> & { today: string }): Promise<Plan> {
  const existing = new Map((await db.select().from(organisations)).map((r) => [`${r.kind}|${r.name}`, r]));
  const unitVillages = new Map<number, Set<number>>();
  for (const r of await db.select().from(careUnitVillages))
    unitVillages.set(r.unitId, (unitVillages.get(r.unitId) ?? new Set()).add(r.villageId));
  const now = ctx.now;
  const plan = emptyPlan();
  for (const p of rows) {
    const current = existing.get(`${p.kind}|${p.name}`);
    const columns = {
      townshipId: p.townshipRef,
      creditCode: p.creditCode,
      incubationStage: p.incubationStage,
      incubationYear: p.incubationYear,
      contactName: p.contactName,
      contactPhone: p.contactPhone,
    };
    const byName = sql`(SELECT id FROM organisations WHERE name = ${p.name} AND kind = ${p.kind})`;
    const coverage = () => villageStatements(db, byName, p.villageRefs);
    const stageEvent = (on: string) =>
      db.insert(incubationEvents).values({ organisationId: byName, stage: p.incubationStage!, on, createdAt: now });
    if (!current) {
      plan.created++;
      plan.statements.push(
        db.insert(organisations).values({
          ...columns,
          name: p.name,
          kind: p.kind,
          createdAt: now,
          updatedAt: now,
        } as typeof organisations.$inferInsert),
        auditInsert(
          db,
          {
            actorUserId: ctx.viewer.id,
            action: 'import',
            entity: 'organisation',
            entityId: sql`CAST(${byName} AS TEXT)`,
            changes: { created: true },
          },
          now,
        ),
        ...(p.incubationStage ? [stageEvent(p.incubationYear ? `${p.incubationYear}-01-01` : today)] : []),
        ...(p.kind === 'care_unit' ? coverage() : []),
      );
      continue;
    }
    const changed = changesOf(current, columns);
    if (p.kind === 'care_unit' && !sameVillages(unitVillages.get(current.id), p.villageRefs)) changed.villages = true;
    const set = { ...columns, updatedAt: now };
    const extra = () => [
      ...(changed.incubationStage && p.incubationStage ? [stageEvent(today)] : []),
      ...(changed.villages ? coverage() : []),
    ];
    planUpdate({ db, ctx, plan, entity: 'organisation', table: organisations, id: current.id, changed, set, extra });
  }
  return plan;
}

function sameVillages(current: Set<number> | undefined, refs: IdRef[]): boolean {
  const ids = refs.filter((r): r is number => typeof r === 'number');
  return ids.length === refs.length && ids.length === (current?.size ?? 0) && ids.every((id) => current?.has(id));
}

/** Replaces a unit's villages with the file's: the old ones go, the listed ones come (new places included). */
function villageStatements(db: Db, unit: SQL, refs: IdRef[]) {
  return [
    db.run(sql`DELETE FROM care_unit_villages WHERE unit_id = ${unit}`),
    ...refs.map((ref) =>
      db.run(sql`INSERT INTO care_unit_villages (unit_id, village_id) SELECT ${unit}, ${ref} ON CONFLICT DO NOTHING`),
    ),
  ];
}

export async function exportOrganisations(db: Db): Promise<Cell[][]> {
  const covered = new Map<number, string[]>();
  for (const r of await db
    .select({ unitId: careUnitVillages.unitId, name: villages.name })
    .from(careUnitVillages)
    .innerJoin(villages, eq(villages.id, careUnitVillages.villageId))
    .orderBy(careUnitVillages.unitId, villages.id))
    covered.set(r.unitId, [...(covered.get(r.unitId) ?? []), r.name]);
  const rows = await db
    .select({ o: organisations, township: townships.name })
    .from(organisations)
    .leftJoin(townships, eq(townships.id, organisations.townshipId))
    .orderBy(organisations.id);
  return rows.map(({ o, township }) => [
    o.name,
    ORGANISATION_KIND_LABELS[o.kind],
    township,
    o.creditCode,
    o.incubationStage ? INCUBATION_LABELS[o.incubationStage] : null,
    o.incubationYear,
    o.contactName,
    o.contactPhone,
    covered.get(o.id)?.join('、') ?? null,
  ]);
}
