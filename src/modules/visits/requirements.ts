import { and, asc, eq, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { visitExclusions, visitRequirements, volunteers } from '../../db/schema/index.js';
import { auditInsert } from '../../lib/audit.js';
import type { RequirementsInput } from './schema.js';

/** A recipient's visit requirements as the form shows them (defaults when none were set). */
export async function requirementsOf(db: Db, recipientId: number): Promise<RequirementsInput> {
  const [req] = await db.select().from(visitRequirements).where(eq(visitRequirements.recipientId, recipientId));
  const excluded = await db
    .select({ id: visitExclusions.volunteerId })
    .from(visitExclusions)
    .where(eq(visitExclusions.recipientId, recipientId));
  return {
    skills: (req?.skills ?? []) as RequirementsInput['skills'],
    visitors: req?.visitors ?? 1,
    excluded: excluded.map((e) => e.id),
  };
}

/** Volunteers who may be excluded: those registered in the recipient's township, by name. */
export function townshipVolunteers(db: Db, townshipId: number) {
  return db
    .select({ id: volunteers.id, name: volunteers.name })
    .from(volunteers)
    .where(eq(volunteers.townshipId, townshipId))
    .orderBy(asc(volunteers.name), asc(volunteers.id));
}

/** Replaces the requirements and exclusions in one batch, with an audit row of what changed. */
export async function saveRequirements(p: {
  db: Db;
  recipientId: number;
  input: RequirementsInput;
  before: RequirementsInput;
  actorUserId: number;
  now: Date;
}) {
  const { db, recipientId, input, before, actorUserId, now } = p;
  const excluded = [...new Set(input.excluded)];
  await db.batch([
    db
      .insert(visitRequirements)
      .values({ recipientId, skills: input.skills, visitors: input.visitors, updatedAt: now })
      .onConflictDoUpdate({
        target: visitRequirements.recipientId,
        set: { skills: input.skills, visitors: input.visitors, updatedAt: now },
      }),
    db
      .delete(visitExclusions)
      .where(
        and(
          eq(visitExclusions.recipientId, recipientId),
          excluded.length ? notInArray(visitExclusions.volunteerId, excluded) : undefined,
        ),
      ),
    ...excluded.map((volunteerId) =>
      db.insert(visitExclusions).values({ recipientId, volunteerId, createdAt: now }).onConflictDoNothing(),
    ),
    auditInsert(
      db,
      {
        actorUserId,
        action: 'update',
        entity: 'visit_requirements',
        entityId: recipientId,
        changes: { from: before, to: { ...input, excluded } },
      },
      now,
    ),
  ]);
}
