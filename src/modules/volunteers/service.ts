import { eq, type SQL, sql } from 'drizzle-orm';
import type { PasswordHasher } from '../../auth/password.js';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { users, volunteerOrganisations, volunteers } from '../../db/schema/index.js';
import { changedRows } from '../../db/types.js';
import { maskMobile } from '../../domain/mobile.js';
import { auditInsert, auditRowsFrom, diff } from '../../lib/audit.js';
import { refusingConflicts } from '../../lib/conflicts.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { type MobileColumns, mobileColumns } from './mobile.js';
import { type JoinInput, PRIVACY_NOTICE_VERSION, type VolunteerInput } from './schema.js';

export type SaveResult = { ok: true; id: number } | { ok: false; field: 'mobile'; message: 'vols.error.mobileTaken' };

/** What every volunteer use case is given: the database, the cipher of the mobile, who acts and when. */
export interface VolunteerContext {
  db: Db;
  cipher: PersonalDataCipher;
  actorUserId: number;
  now: Date;
}

const MOBILE_TAKEN = { ok: false, field: 'mobile', message: 'vols.error.mobileTaken' } as const;
const taken = (error: unknown) =>
  isUniqueViolation(error, 'volunteers.mobile_hash') || isUniqueViolation(error, 'users.username')
    ? MOBILE_TAKEN
    : null;

/** A volunteer's save: its id, or the form's refusal when the mobile (or the login it names) is taken. */
const saved = (write: () => Promise<number>): Promise<SaveResult> =>
  refusingConflicts(async () => ({ ok: true as const, id: await write() }), taken);

function columns(v: Omit<VolunteerInput, 'status' | 'organisationId'>) {
  return {
    name: v.name,
    townshipId: v.townshipId,
    skills: v.skills,
    partyMember: v.partyMember,
    availability: v.availability,
  };
}

/** The volunteer a batch has just written, found by the keyed hash of their mobile. */
const byMobile = (m: MobileColumns) => sql<number>`(SELECT id FROM volunteers WHERE mobile_hash = ${m.mobileHash})`;

/** The organisation the volunteer is registered through, added to those they belong to (none: nothing). */
const membership = (db: Db, volunteerId: number | SQL<number>, organisationId: number | null) =>
  organisationId
    ? [db.insert(volunteerOrganisations).values({ volunteerId, organisationId }).onConflictDoNothing()]
    : [];

/** The audit row of a volunteer the same batch inserts, naming them by the id their mobile finds. */
const insertedAudit = (
  db: Db,
  a: { actorUserId: number | null; action: string; mobile: MobileColumns; changes: Record<string, unknown>; now: Date },
) =>
  auditInsert(
    db,
    {
      actorUserId: a.actorUserId,
      action: a.action,
      entity: 'volunteer',
      entityId: sql`CAST(${byMobile(a.mobile)} AS TEXT)`,
      changes: a.changes,
    },
    a.now,
  );

/** Registers a volunteer (and their organisation) with an audit row, in one batch. */
export async function createVolunteer(ctx: VolunteerContext & { input: VolunteerInput }): Promise<SaveResult> {
  const { db, actorUserId, now, input: v } = ctx;
  const mobile = await mobileColumns(ctx.cipher, v.mobile);
  return saved(async () => {
    const [rows] = await db.batch([
      db
        .insert(volunteers)
        .values({ ...columns(v), ...mobile, status: v.status, createdAt: now, updatedAt: now })
        .returning({ id: volunteers.id }),
      insertedAudit(db, { actorUserId, action: 'create', mobile, changes: { name: v.name }, now }),
      ...membership(db, byMobile(mobile), v.organisationId),
    ]);
    return rows[0].id;
  });
}

export async function updateVolunteer(
  ctx: VolunteerContext & { current: typeof volunteers.$inferSelect; input: VolunteerInput },
): Promise<SaveResult> {
  const { db, actorUserId, now, current, input: v } = ctx;
  const next = { ...columns(v), status: v.status };
  const changes: Record<string, unknown> = diff(current as unknown as Record<string, unknown>, next);
  // The mobile is re-encrypted only when it changed (same hash, same number); the audit row names it masked only.
  const sameMobile = ctx.cipher.lookupHash(v.mobile) === current.mobileHash;
  const mobile = sameMobile ? {} : await mobileColumns(ctx.cipher, v.mobile);
  if (!sameMobile) changes.mobile = { from: current.mobileMasked, to: maskMobile(v.mobile) };
  return saved(async () => {
    await db.batch([
      db
        .update(volunteers)
        .set({ ...next, ...mobile, updatedAt: now })
        .where(eq(volunteers.id, current.id)),
      auditInsert(
        db,
        { actorUserId, action: 'update', entity: 'volunteer', entityId: String(current.id), changes },
        now,
      ),
      ...membership(db, current.id, v.organisationId),
    ]);
    return current.id;
  });
}

/**
 * Public sign-up: a pending volunteer and a disabled login (username volunteer-<id>; they log in by mobile) in one
 * batch; an approver enables both. The mobile's hash is unique, so a second sign-up with the same number changes
 * nothing.
 */
export async function join(ctx: {
  db: Db;
  cipher: PersonalDataCipher;
  passwords: PasswordHasher;
  input: JoinInput;
  now: Date;
}): Promise<SaveResult> {
  const { db, now, input: v } = ctx;
  const hash = await ctx.passwords.hash(v.password);
  const mobile = await mobileColumns(ctx.cipher, v.mobile);
  // The login is named after the volunteer's id (never the mobile, which would sit in clear in users).
  const username = sql<string>`'volunteer-' || ${byMobile(mobile)}`;
  const userId = sql<number>`(SELECT id FROM users WHERE username = ${username})`;
  return saved(async () => {
    const [rows] = await db.batch([
      db
        .insert(volunteers)
        .values({
          ...columns(v),
          ...mobile,
          status: 'pending',
          consentVersion: PRIVACY_NOTICE_VERSION,
          consentAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: volunteers.id }),
      db.insert(users).values({
        username,
        displayName: v.name,
        passwordHash: hash,
        role: 'volunteer',
        disabledAt: now,
        createdAt: now,
      }),
      db.update(volunteers).set({ userId }).where(eq(volunteers.mobileHash, mobile.mobileHash)),
      insertedAudit(db, {
        actorUserId: null,
        action: 'join',
        mobile,
        changes: { name: v.name, consentVersion: PRIVACY_NOTICE_VERSION },
        now,
      }),
      ...membership(db, byMobile(mobile), v.organisationId),
    ]);
    return rows[0].id;
  });
}

/**
 * Approval turns a pending sign-up into an active volunteer and enables the login the sign-up created, in one batch
 * of conditional statements: only a pending volunteer is approved (an active or inactive one is left alone), and
 * the login is enabled only while it is still disabled by the sign-up itself: `join` disables it at the instant it
 * creates it (disabled_at = created_at), whereas an administrator's disable is always later. So a station or a
 * coordinator can never re-enable a login the county admin turned off. Answers whether the volunteer was approved.
 */
export async function approve({
  db,
  current,
  actorUserId,
  now,
}: Omit<VolunteerContext, 'cipher'> & { current: typeof volunteers.$inferSelect }): Promise<boolean> {
  const at = now.getTime();
  const [approved] = await db.batch([
    db.run(
      sql`UPDATE volunteers SET status = 'active', updated_at = ${at} WHERE id = ${current.id} AND status = 'pending'`,
    ),
    auditRowsFrom(
      db,
      {
        actorUserId,
        action: 'approve',
        entity: 'volunteer',
        entityId: sql`${String(current.id)}`,
        rows: sql`WHERE changes() = 1`,
      },
      now,
    ),
    db.run(sql`UPDATE users SET disabled_at = NULL
      WHERE changes() = 1 AND id = (SELECT user_id FROM volunteers WHERE id = ${current.id}) AND disabled_at = created_at`),
  ]);
  return changedRows(approved) === 1;
}

/**
 * The full mobile for a page that shows it (the volunteer's page, the edit form): decrypted for this one viewer and
 * recorded as a reveal, as a recipient's full details are. Lists show the masked copy only.
 */
export async function revealMobile(
  ctx: VolunteerContext & { volunteer: typeof volunteers.$inferSelect; shownOn: 'detail' | 'edit' },
): Promise<string> {
  const mobile = await ctx.cipher.decrypt(ctx.volunteer.mobileEnc);
  await auditInsert(
    ctx.db,
    {
      actorUserId: ctx.actorUserId,
      action: 'reveal',
      entity: 'volunteer',
      entityId: String(ctx.volunteer.id),
      changes: { fields: ['mobile'], on: ctx.shownOn },
    },
    ctx.now,
  );
  return mobile;
}
