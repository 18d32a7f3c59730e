import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import * as s from '../../db/schema/index.js';
import { auditInsert } from '../../lib/audit.js';
import { type Scope, scopeWhere } from '../../lib/scope.js';
import { addShifts, refreshUntouched, withdrawUntouched } from './materialise.js';
import type { TemplateInput } from './schema.js';

/** Templates inside a scope: a township's station's, an organisation's own; the county's all. */
const templatesIn = (scope: Scope) =>
  scopeWhere(scope, {
    township: (id) => sql`(${s.organisations.townshipId} = ${id} and ${s.organisations.kind} = 'station')`,
    organisation: s.shiftTemplates.organisationId,
  });

/** The owners a viewer may keep templates for: stations and live social organisations with a township. */
export async function templateOwners(db: Db, scope: Scope) {
  return db
    .select({ id: s.organisations.id, name: s.organisations.name, kind: s.organisations.kind })
    .from(s.organisations)
    .where(
      and(
        scopeWhere(scope, {
          township: (id) => sql`(${s.organisations.townshipId} = ${id} and ${s.organisations.kind} = 'station')`,
          organisation: s.organisations.id,
        }),
        sql`${s.organisations.townshipId} is not null and (${s.organisations.kind} = 'station' or (${s.organisations.kind} = 'social_org' and coalesce(${s.organisations.incubationStage}, '') <> 'withdrawn'))`,
      ),
    )
    .orderBy(asc(s.organisations.kind), asc(s.organisations.name));
}
export type TemplateOwner = Awaited<ReturnType<typeof templateOwners>>[number];

export async function listTemplates(db: Db, scope: Scope) {
  return db
    .select({
      id: s.shiftTemplates.id,
      organisationId: s.shiftTemplates.organisationId,
      owner: s.organisations.name,
      ownerKind: s.organisations.kind,
      title: s.shiftTemplates.title,
      place: s.shiftTemplates.place,
      startTime: s.shiftTemplates.startTime,
      endTime: s.shiftTemplates.endTime,
      capacity: s.shiftTemplates.capacity,
      workKind: s.shiftTemplates.workKind,
    })
    .from(s.shiftTemplates)
    .innerJoin(s.organisations, eq(s.organisations.id, s.shiftTemplates.organisationId))
    .where(and(templatesIn(scope), eq(s.shiftTemplates.active, true)))
    .orderBy(asc(s.organisations.kind), asc(s.organisations.name), asc(s.shiftTemplates.startTime));
}
export type TemplateRow = Awaited<ReturnType<typeof listTemplates>>[number];

type Step = BatchItem<'sqlite'>;
/** One batch: the change, its audit row, and the coming shifts it reaches; 'taken' when the start time is. */
async function apply(db: Db, steps: Step[]): Promise<'ok' | 'taken'> {
  try {
    await db.batch(steps as [Step, ...Step[]]);
    return 'ok';
  } catch (error) {
    if (isUniqueViolation(error)) return 'taken';
    throw error;
  }
}

export interface TemplateChange {
  db: Db;
  actorUserId: number | null;
  now: Date;
}

/**
 * Creates a template for a station or an organisation (the pages and the demo seed call this) and, in the same
 * batch, its shifts on every coming service day. 'taken' when the owner has an active template at that start time.
 */
export async function createTemplate(
  ctx: TemplateChange & { organisationId: number; input: TemplateInput },
): Promise<{ ok: true; id: number } | { ok: false; reason: 'taken' }> {
  const { db, now, organisationId } = ctx;
  const input = columns(ctx.input);
  const at = now.getTime();
  const mine = sql`t.organisation_id = ${organisationId} and t.start_time = ${input.startTime} and t.active = 1`;
  const result = await apply(db, [
    db.run(sql`insert into shift_templates (organisation_id, title, place, start_time, end_time, capacity, work_kind, created_at, updated_at)
      values (${organisationId}, ${input.title}, ${input.place}, ${input.startTime}, ${input.endTime}, ${input.capacity}, ${input.workKind}, ${at}, ${at})`),
    auditInsert(
      db,
      {
        actorUserId: ctx.actorUserId,
        action: 'create',
        entity: 'shift_template',
        entityId: sql`last_insert_rowid()`,
        changes: { organisationId, ...input },
      },
      now,
    ),
    db.run(addShifts(at, mine)),
  ]);
  if (result === 'taken') return { ok: false, reason: 'taken' };
  const [row] = await db
    .select({ id: s.shiftTemplates.id })
    .from(s.shiftTemplates)
    .where(
      and(
        eq(s.shiftTemplates.organisationId, organisationId),
        eq(s.shiftTemplates.startTime, input.startTime),
        eq(s.shiftTemplates.active, true),
      ),
    );
  return { ok: true, id: row.id };
}

async function findTemplate(db: Db, scope: Scope, id: number) {
  if (!Number.isInteger(id)) return undefined;
  const [found] = await db
    .select({ id: s.shiftTemplates.id })
    .from(s.shiftTemplates)
    .innerJoin(s.organisations, eq(s.organisations.id, s.shiftTemplates.organisationId))
    .where(and(templatesIn(scope), eq(s.shiftTemplates.id, id), eq(s.shiftTemplates.active, true)));
  return found;
}

const only = (id: number): SQL => sql`t.id = ${id}`;

/** The template's own columns from a form (which also carries the owner). */
const columns = (i: TemplateInput): TemplateInput => ({
  title: i.title,
  place: i.place,
  startTime: i.startTime,
  endTime: i.endTime,
  capacity: i.capacity,
  workKind: i.workKind,
});

/** Changes a template in the scope and, at once, every coming untouched shift made from it. */
export async function updateTemplate(
  ctx: TemplateChange & { scope: Scope; id: number; input: TemplateInput },
): Promise<'ok' | 'notFound' | 'taken'> {
  const { db, now, id } = ctx;
  const input = columns(ctx.input);
  if (!(await findTemplate(db, ctx.scope, id))) return 'notFound';
  return apply(db, [
    db
      .update(s.shiftTemplates)
      .set({ ...input, updatedAt: now })
      .where(eq(s.shiftTemplates.id, id)),
    auditInsert(
      db,
      { actorUserId: ctx.actorUserId, action: 'update', entity: 'shift_template', entityId: id, changes: { ...input } },
      now,
    ),
    db.run(refreshUntouched(now.getTime(), { only: only(id) })),
  ]);
}

/** Deletes a template in the scope: it stops making shifts, and its coming untouched shifts go at once. */
export async function deleteTemplate(ctx: TemplateChange & { scope: Scope; id: number }): Promise<'ok' | 'notFound'> {
  const { db, now, id } = ctx;
  if (!(await findTemplate(db, ctx.scope, id))) return 'notFound';
  await apply(db, [
    db.update(s.shiftTemplates).set({ active: false, updatedAt: now }).where(eq(s.shiftTemplates.id, id)),
    auditInsert(db, { actorUserId: ctx.actorUserId, action: 'delete', entity: 'shift_template', entityId: id }, now),
    db.run(withdrawUntouched(now.getTime(), only(id))),
  ]);
  return 'ok';
}
