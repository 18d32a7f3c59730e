import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { incubationEvents, organisations } from '../../db/schema/index.js';
import { businessDate } from '../../domain/dates.js';
import { checkStageChange, type StageRefusal } from '../../domain/incubation.js';
import type { IncubationStage } from '../../domain/vocabulary.js';
import { auditInsert, diff } from '../../lib/audit.js';
import { refusingConflicts } from '../../lib/conflicts.js';
import { lastStage } from './queries.js';
import type { OrganisationInput } from './schema.js';

export type SaveResult =
  | { ok: true; id: number }
  | { ok: false; field: string; message: 'orgs.error.nameTaken' | 'orgs.error.stationTaken' };

function columns(v: OrganisationInput) {
  const social = v.kind === 'social_org';
  const home = v.kind === 'nursing_home';
  return {
    name: v.name,
    kind: v.kind,
    townshipId: v.townshipId,
    creditCode: v.creditCode,
    contactName: v.contactName,
    contactPhone: v.contactPhone,
    regional: home ? v.regional : false,
    beds: home ? v.beds : null,
    incubationYear: social ? v.incubationYear : null,
  };
}

/** The unique indexes decide (name per kind, one station per township); their violation becomes a field error. */
function conflict(error: unknown): SaveResult | null {
  if (isUniqueViolation(error, 'organisations.name'))
    return { ok: false, field: 'name', message: 'orgs.error.nameTaken' };
  if (isUniqueViolation(error, 'organisations.township_id'))
    return { ok: false, field: 'townshipId', message: 'orgs.error.stationTaken' };
  return null;
}

/** What every organisation use case is given: the database, who acts and when. */
export interface OrganisationContext {
  db: Db;
  actorUserId: number;
  now: Date;
}

const saved = (write: () => Promise<number>): Promise<SaveResult> =>
  refusingConflicts(async () => ({ ok: true as const, id: await write() }), conflict);

export function createOrganisation({
  db,
  actorUserId,
  now,
  input: v,
}: OrganisationContext & { input: OrganisationInput }): Promise<SaveResult> {
  const today = businessDate(now);
  return saved(async () => {
    const social = v.kind === 'social_org';
    // One batch: the organisation, its audit row and its first incubation stage, found again by name and kind.
    const id = sql<number>`(SELECT id FROM organisations WHERE name = ${v.name} AND kind = ${v.kind})`;
    const [rows] = await db.batch([
      db
        .insert(organisations)
        .values({ ...columns(v), incubationStage: social ? 'applied' : null, createdAt: now, updatedAt: now })
        .returning({ id: organisations.id }),
      auditInsert(
        db,
        {
          actorUserId,
          action: 'create',
          entity: 'organisation',
          entityId: sql`CAST(${id} AS TEXT)`,
          changes: columns(v),
        },
        now,
      ),
      ...(social
        ? [db.insert(incubationEvents).values({ organisationId: id, stage: 'applied', on: today, createdAt: now })]
        : []),
    ]);
    return rows[0].id;
  });
}

export async function updateOrganisation({
  db,
  actorUserId,
  now,
  current,
  input: v,
}: OrganisationContext & {
  current: typeof organisations.$inferSelect;
  input: OrganisationInput;
}): Promise<SaveResult> {
  const next = columns(v);
  const changes = diff(current as unknown as Record<string, unknown>, next);
  if (Object.keys(changes).length === 0) return { ok: true, id: current.id };
  return saved(async () => {
    await db.batch([
      db
        .update(organisations)
        .set({ ...next, updatedAt: now })
        .where(eq(organisations.id, current.id)),
      auditInsert(
        db,
        {
          actorUserId,
          action: 'update',
          entity: 'organisation',
          entityId: String(current.id),
          changes,
        },
        now,
      ),
    ]);
    return current.id;
  });
}

/**
 * A dated stage change: the event, the organisation's current stage and the audit row, together. Forward only,
 * dated between the last change and today (domain/incubation.ts); a refused change writes nothing.
 */
export async function changeStage({
  db,
  actorUserId,
  now,
  id,
  input: v,
}: OrganisationContext & {
  id: number;
  input: { stage: IncubationStage; on: string; note: string | null };
}): Promise<StageRefusal | null> {
  const current = await lastStage(db, id);
  if (!current) return 'notForward';
  const refused = checkStageChange(current.stage, v.stage, v.on, current.on, businessDate(now));
  if (refused) return refused;
  await db.batch([
    db.insert(incubationEvents).values({ organisationId: id, stage: v.stage, on: v.on, note: v.note, createdAt: now }),
    db.update(organisations).set({ incubationStage: v.stage, updatedAt: now }).where(eq(organisations.id, id)),
    auditInsert(
      db,
      {
        actorUserId,
        action: 'stage',
        entity: 'organisation',
        entityId: String(id),
        changes: { stage: v.stage, on: v.on },
      },
      now,
    ),
  ]);
  return null;
}
