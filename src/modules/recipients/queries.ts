import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { assessments, auditLog, organisations, recipients, townships, villages } from '../../db/schema/index.js';
import { type Scope, scopeWhere } from '../../lib/scope.js';
import { unitCovers } from '../care-units/coverage.js';
import { townshipChoices } from '../places/queries.js';
import { agreementIs } from './agreement-sql.js';
import type { RecipientListQuery } from './schema.js';

export type AssessmentRow = typeof assessments.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

export const PAGE_SIZE = 25;

/** Columns a list shows: masked identifiers only. */
const listColumns = {
  id: recipients.id,
  name: recipients.name,
  idNumberMasked: recipients.idNumberMasked,
  gender: recipients.gender,
  township: townships.name,
  village: villages.name,
  supportMode: recipients.supportMode,
  careLevel: recipients.careLevel,
  agreementKind: recipients.agreementKind,
  agreementSignedOn: recipients.agreementSignedOn,
  agreementEndsOn: recipients.agreementEndsOn,
  status: recipients.status,
};

/**
 * The recipients inside a scope, as a where-clause on `recipients`. An organisation reaches the households it
 * already serves: named on its activities or on the plans of its shifts. A volunteer reaches the households of
 * their published plans. A 守望之家 member reaches the households their unit covers.
 */
export function recipientsIn(scope: Scope): SQL {
  return scopeWhere(scope, {
    township: recipients.townshipId,
    organisation: (id) =>
      sql`(${recipients.id} IN (SELECT t.recipient_id FROM activity_targets t WHERE t.organisation_id = ${id} AND t.recipient_id IS NOT NULL)
        OR ${recipients.id} IN (SELECT pa.recipient_id FROM plan_assignments pa JOIN visit_plans p ON p.id = pa.plan_id
          JOIN shifts s ON s.id = p.shift_id WHERE s.organisation_id = ${id}))`,
    assigned: (volunteerId) =>
      sql`${recipients.id} IN (SELECT pa.recipient_id FROM plan_assignments pa WHERE pa.volunteer_id = ${volunteerId} AND pa.published = 1)`,
    unit: unitCovers,
  });
}

/** The households the visiting promises are about: active and supported at home (分散供养). */
export const activeAtHome = and(eq(recipients.status, 'active'), eq(recipients.supportMode, 'home'))!;

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** `today` dates the agreement filter (`q.agreement`): the same status rule the dashboard counts by. */
export async function listRecipients({
  db,
  scope,
  query: q,
  today,
}: {
  db: Db;
  scope: Scope;
  query: RecipientListQuery;
  today: string;
}) {
  const where = and(
    recipientsIn(scope),
    q.q ? sql`${recipients.name} LIKE ${`%${escapeLike(q.q)}%`} ESCAPE '\\'` : undefined,
    q.townshipId ? eq(recipients.townshipId, q.townshipId) : undefined,
    q.careLevel ? eq(recipients.careLevel, q.careLevel) : undefined,
    eq(recipients.status, q.status ?? 'active'),
    q.agreement ? agreementIs(q.agreement, today) : undefined,
  );
  const page = q.page ?? 1;
  const [rows, total] = await Promise.all([
    db
      .select(listColumns)
      .from(recipients)
      .innerJoin(townships, eq(townships.id, recipients.townshipId))
      .leftJoin(villages, eq(villages.id, recipients.villageId))
      .where(where)
      .orderBy(asc(recipients.townshipId), asc(recipients.villageId), asc(recipients.name), asc(recipients.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.$count(recipients, where),
  ]);
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export type RecipientRow = Awaited<ReturnType<typeof listRecipients>>['rows'][number];

/** One recipient inside the viewer's scope, with the names of their places; undefined when outside. */
export async function findRecipient(db: Db, scope: Scope, id: number) {
  const nursingHome = sql<string | null>`(SELECT name FROM organisations WHERE id = ${recipients.nursingHomeId})`;
  return db
    .select({ recipient: recipients, township: townships.name, village: villages.name, nursingHome })
    .from(recipients)
    .innerJoin(townships, eq(townships.id, recipients.townshipId))
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .where(and(eq(recipients.id, id), recipientsIn(scope)))
    .get();
}

export type RecipientDetail = NonNullable<Awaited<ReturnType<typeof findRecipient>>>;

export function recipientAssessments(db: Db, recipientId: number) {
  return db
    .select()
    .from(assessments)
    .where(eq(assessments.recipientId, recipientId))
    .orderBy(desc(assessments.assessedOn), desc(assessments.id));
}

export function recipientHistory(db: Db, recipientId: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'recipient'), eq(auditLog.entityId, String(recipientId))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(50);
}

/** Choices for the form, limited to what the viewer may pick. */
export async function formOptions(db: Db, townshipId: number | null) {
  const [ts, vs, homes] = await Promise.all([
    townshipChoices(db, townshipId),
    db
      .select({ id: villages.id, name: villages.name, townshipId: villages.townshipId })
      .from(villages)
      .where(townshipId ? eq(villages.townshipId, townshipId) : undefined)
      .orderBy(asc(villages.townshipId), asc(villages.name)),
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.kind, 'nursing_home'))
      .orderBy(asc(organisations.name)),
  ]);
  return { townships: ts, villages: vs, nursingHomes: homes };
}

export type RecipientFormOptions = Awaited<ReturnType<typeof formOptions>>;

export function villageInTownship(db: Db, villageId: number, townshipId: number) {
  return db
    .select({ id: villages.id })
    .from(villages)
    .where(and(eq(villages.id, villageId), eq(villages.townshipId, townshipId)))
    .get();
}

export function isNursingHome(db: Db, id: number) {
  return db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, id), eq(organisations.kind, 'nursing_home')))
    .get();
}
