import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { townships, villages } from '../../db/schema/index.js';
import { auditInsert } from '../../lib/audit.js';
import type { VillageInput } from './schema.js';

export interface PlaceContext {
  db: Db;
  now: Date;
  actorUserId: number;
}

export type PlaceOutcome = { ok: true } | { ok: false; error: 'taken' | 'noTownship' };

/** Each township with its villages and active recipients counted, and every village. */
export function placesOverview(db: Db) {
  return Promise.all([
    db
      .select({
        id: townships.id,
        name: townships.name,
        // Qualified by hand: drizzle writes a bare "id" inside raw SQL, which the subquery would read as its own.
        villages: sql<number>`(SELECT count(*) FROM villages v WHERE v.township_id = "townships"."id")`,
        recipients: sql<number>`(SELECT count(*) FROM recipients r WHERE r.township_id = "townships"."id" AND r.status = 'active')`,
      })
      .from(townships)
      .orderBy(asc(townships.id)),
    db.select().from(villages).orderBy(asc(villages.townshipId), asc(villages.name)),
  ]);
}

/** Adds a township (names are unique), audited in the same batch. */
export async function addTownship(ctx: PlaceContext, name: string): Promise<PlaceOutcome> {
  const { db, now } = ctx;
  try {
    await db.batch([
      db.insert(townships).values({ name, createdAt: now }),
      auditInsert(
        db,
        {
          actorUserId: ctx.actorUserId,
          action: 'create',
          entity: 'township',
          entityId: sql`(SELECT CAST(id AS TEXT) FROM townships WHERE name = ${name})`,
          changes: { name },
        },
        now,
      ),
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, error: 'taken' };
    throw e;
  }
  return { ok: true };
}

/** Adds a village to an existing township (unique by name within it), audited in the same batch. */
export async function addVillage(ctx: PlaceContext, input: VillageInput): Promise<PlaceOutcome> {
  const { db, now } = ctx;
  const township = await db
    .select({ id: townships.id })
    .from(townships)
    .where(eq(townships.id, input.townshipId))
    .get();
  if (!township) return { ok: false, error: 'noTownship' };
  try {
    await db.batch([
      db.insert(villages).values({ ...input, createdAt: now }),
      auditInsert(db, { actorUserId: ctx.actorUserId, action: 'create', entity: 'village', changes: input }, now),
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, error: 'taken' };
    throw e;
  }
  return { ok: true };
}
