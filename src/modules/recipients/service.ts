import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { assessments, recipients } from '../../db/schema/index.js';
import { agreementEnd } from '../../domain/agreement.js';
import { careLevelFromItems } from '../../domain/care-level.js';
import { maskIdNumber } from '../../domain/id-number.js';
import { maskMobile } from '../../domain/mobile.js';
import { auditInsert, diff } from '../../lib/audit.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { boundTownship, type Scope } from '../../lib/scope.js';
import { agreementTerm } from './agreements.js';
import { isNursingHome, listRecipients, villageInTownship } from './queries.js';
import type { AssessmentInput, EditRecipientInput, NewRecipientInput, RecipientListQuery } from './schema.js';

export interface RecipientDeps {
  db: Db;
  cipher: PersonalDataCipher;
}

/** One page of the list the viewer asked for, with the query as it was applied. */
export async function searchRecipients(ctx: { db: Db; scope: Scope; query: RecipientListQuery; today: string }) {
  const { db, scope, today } = ctx;
  // Station staff always search their own township, whatever the query says.
  const query = boundTownship(scope) !== null ? { ...ctx.query, townshipId: undefined } : ctx.query;
  return { ...(await listRecipients({ db, scope, query, today })), query };
}

export type FieldProblem = { field: string; message: string };

/** What every recipient use case is given: the stores, the instant and who acts. */
export interface RecipientContext extends RecipientDeps {
  now: Date;
  actorUserId: number | null;
}

/** Checks that the chosen village and nursing home exist where the form says; the database would not. */
export async function checkReferences(
  db: Db,
  v: { townshipId: number; villageId: number | null; supportMode: string; nursingHomeId: number | null },
): Promise<FieldProblem | null> {
  if (v.villageId && !(await villageInTownship(db, v.villageId, v.townshipId)))
    return { field: 'villageId', message: 'recipients.error.village' };
  if (v.supportMode === 'institution' && v.nursingHomeId && !(await isNursingHome(db, v.nursingHomeId)))
    return { field: 'nursingHomeId', message: 'recipients.error.nursingHome' };
  return null;
}

/** The stored form of a caregiver's mobile: encrypted, plus the masked copy pages show. */
async function mobileColumns(cipher: PersonalDataCipher, mobile: string | null) {
  return {
    caregiverMobileEnc: mobile ? await cipher.encrypt(mobile) : null,
    caregiverMobileMasked: mobile ? maskMobile(mobile) : null,
  };
}

/** What the audit trail may keep of a record: masked values only. */
function auditable(v: Record<string, unknown>) {
  const { caregiverMobile, idNumber, ...rest } = v;
  return {
    ...rest,
    ...(caregiverMobile !== undefined
      ? { caregiverMobile: caregiverMobile ? maskMobile(String(caregiverMobile)) : null }
      : {}),
  };
}

function recordColumns(
  input: Omit<EditRecipientInput, 'status' | 'exitReason' | 'exitedOn'>,
  agreementEndsOn: string | null,
) {
  return {
    name: input.name,
    townshipId: input.townshipId,
    villageId: input.villageId,
    address: input.address,
    supportMode: input.supportMode,
    nursingHomeId: input.supportMode === 'institution' ? input.nursingHomeId : null,
    careNotes: input.careNotes,
    caregiverName: input.caregiverName,
    agreementKind: input.agreementKind,
    agreementSignedOn: input.agreementSignedOn,
    agreementEndsOn,
  };
}

/**
 * The end date to store: the one typed, else the county's default term from a newly entered signing date. An
 * agreement whose signing date did not change keeps what the form says, so an unrelated edit (or a term the county
 * set later) never makes an old agreement expire silently.
 */
async function endOf(db: Db, input: NewRecipientInput | EditRecipientInput, signedBefore?: string | null) {
  if (input.agreementEndsOn || !input.agreementSignedOn || input.agreementSignedOn === signedBefore)
    return input.agreementEndsOn;
  return agreementEnd(input.agreementSignedOn, null, await agreementTerm(db));
}

export type CreateResult = { ok: true; id: number } | { ok: false; problem: FieldProblem };

/** Registers a recipient with their first assessment and an audit row, all in one batch. */
export async function createRecipient(ctx: RecipientContext & { input: NewRecipientInput }): Promise<CreateResult> {
  const { db, cipher, now, actorUserId, input } = ctx;
  const problem = await checkReferences(db, input);
  if (problem) return { ok: false, problem };
  const id = input.idNumber.value;
  const hash = cipher.lookupHash(id);
  const level = careLevelFromItems(input);
  const columns = recordColumns(input, await endOf(db, input));
  // One batch: the recipient, their first assessment and the audit row land together or not at all.
  const recipientId = sql<number>`(SELECT id FROM recipients WHERE id_number_hash = ${hash})`;
  try {
    const [inserted] = await db.batch([
      db
        .insert(recipients)
        .values({
          ...columns,
          idNumberEnc: await cipher.encrypt(id),
          idNumberHash: hash,
          idNumberMasked: maskIdNumber(id),
          keyVersion: cipher.keyVersion,
          gender: input.idNumber.gender,
          careLevel: level,
          ...(await mobileColumns(cipher, input.caregiverMobile)),
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: recipients.id }),
      db.insert(assessments).values({
        recipientId,
        assessedOn: input.assessedOn,
        assessor: input.assessor,
        eating: input.eating,
        dressing: input.dressing,
        bedTransfer: input.bedTransfer,
        toileting: input.toileting,
        walking: input.walking,
        bathing: input.bathing,
        level,
        createdAt: now,
      }),
      auditInsert(
        db,
        {
          actorUserId,
          action: 'create',
          entity: 'recipient',
          entityId: sql`CAST(${recipientId} AS TEXT)`,
          changes: auditable({
            ...columns,
            idNumber: maskIdNumber(id),
            careLevel: level,
            caregiverMobile: input.caregiverMobile,
          }),
        },
        now,
      ),
    ]);
    return { ok: true, id: inserted[0].id };
  } catch (error) {
    if (isUniqueViolation(error, 'recipients.id_number_hash'))
      return { ok: false, problem: { field: 'idNumber', message: 'recipients.error.idTaken' } };
    throw error;
  }
}

/** Saves an edit; the audit row keeps only what changed (masked), in the same batch as the change. */
export async function updateRecipient(
  ctx: RecipientContext & { current: typeof recipients.$inferSelect; input: EditRecipientInput },
): Promise<FieldProblem | null> {
  const { db, cipher, now, actorUserId, current, input } = ctx;
  const problem = await checkReferences(db, input);
  if (problem) return problem;
  const next = {
    ...recordColumns(input, await endOf(db, input, current.agreementSignedOn)),
    status: input.status,
    exitReason: input.status === 'exited' ? input.exitReason : null,
    exitedOn: input.status === 'exited' ? input.exitedOn : null,
  };
  const changes: Record<string, unknown> = diff(current as unknown as Record<string, unknown>, next);
  // A blank mobile on the edit form keeps the stored one (the form never shows it in clear).
  const currentMobile =
    input.caregiverMobile !== null && current.caregiverMobileEnc
      ? await cipher.decrypt(current.caregiverMobileEnc)
      : null;
  const mobileChanged = input.caregiverMobile !== null && currentMobile !== input.caregiverMobile;
  if (mobileChanged)
    changes.caregiverMobile = {
      from: current.caregiverMobileMasked,
      to: input.caregiverMobile ? maskMobile(input.caregiverMobile) : null,
    };
  if (Object.keys(changes).length === 0) return null;
  await db.batch([
    db
      .update(recipients)
      .set({ ...next, ...(mobileChanged ? await mobileColumns(cipher, input.caregiverMobile) : {}), updatedAt: now })
      .where(eq(recipients.id, current.id)),
    auditInsert(db, { actorUserId, action: 'update', entity: 'recipient', entityId: String(current.id), changes }, now),
  ]);
  return null;
}

/** Records an assessment and moves the recipient's level to it when it is the latest one. */
export async function addAssessment(ctx: {
  db: Db;
  now: Date;
  actorUserId: number | null;
  recipientId: number;
  input: AssessmentInput;
}) {
  const { db, now, actorUserId, recipientId, input } = ctx;
  const level = careLevelFromItems(input);
  await db.batch([
    db.insert(assessments).values({ recipientId, ...input, level, createdAt: now }),
    db
      .update(recipients)
      .set({ careLevel: level, updatedAt: now })
      .where(
        and(
          eq(recipients.id, recipientId),
          sql`NOT EXISTS (SELECT 1 FROM assessments a WHERE a.recipient_id = ${recipientId} AND a.assessed_on > ${input.assessedOn})`,
        ),
      ),
    auditInsert(
      db,
      {
        actorUserId,
        action: 'assess',
        entity: 'recipient',
        entityId: String(recipientId),
        changes: { assessedOn: input.assessedOn, level },
      },
      now,
    ),
  ]);
  return level;
}

/** Decrypts the ID number and caregiver mobile for one authorised viewer, and records that they looked. */
export async function reveal(ctx: RecipientContext & { recipient: typeof recipients.$inferSelect }) {
  const { db, cipher, now, actorUserId, recipient: r } = ctx;
  const idNumber = await cipher.decrypt(r.idNumberEnc);
  const caregiverMobile = r.caregiverMobileEnc ? await cipher.decrypt(r.caregiverMobileEnc) : null;
  await auditInsert(
    db,
    {
      actorUserId,
      action: 'reveal',
      entity: 'recipient',
      entityId: String(r.id),
      changes: { fields: ['idNumber', 'caregiverMobile'] },
    },
    now,
  );
  return { idNumber, caregiverMobile };
}
