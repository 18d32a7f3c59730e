import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex } from '@oslojs/encoding';
import { and, desc, eq, gt, isNull, type SQL, sql } from 'drizzle-orm';
import { findLoginUser, loginIdentifier } from '../../auth/identify.js';
import type { PasswordHasher } from '../../auth/password.js';
import { createSession } from '../../auth/session.js';
import {
  bucketKey,
  type KeyHasher,
  pruneAttempts,
  releaseAttempt,
  reserveAttempt,
  retryAfterSeconds,
  THROTTLE_MAX_FAILURES,
  THROTTLE_MAX_PER_ADDRESS,
} from '../../auth/throttle.js';
import type { Db } from '../../db/client.js';
import { activationCodes } from '../../db/schema/index.js';
import { changedRows } from '../../db/types.js';
import { normaliseCode } from '../../domain/activation-code.js';
import type { Role } from '../../domain/vocabulary.js';
import { auditInsert, auditRowsFrom } from '../../lib/audit.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { randomDigits } from '../../lib/tokens.js';

/** A code lives seven days from issuance. */
export const ACTIVATION_DAYS = 7;
/** 12 digits: 10^12 codes, against at most 5 guesses per account in 15 minutes (decision 0140). */
export const CODE_DIGITS = 12;
// An instant seven days on (not a business date: the code expires to the minute it was issued, plus a week).
const DAY_MS = 24 * 60 * 60 * 1000;

// Keyed with the lookup key (never stored in the database), so a copy of the database alone cannot test codes.
const codeHash = (cipher: PersonalDataCipher, code: string) => cipher.lookupHash(`activation-code:${code}`);

export interface NewCode {
  code: string;
  hash: string;
  expiresAt: Date;
}

export function newActivationCode(cipher: PersonalDataCipher, now: Date): NewCode {
  const code = randomDigits(CODE_DIGITS);
  return { code, hash: codeHash(cipher, code), expiresAt: new Date(now.getTime() + ACTIVATION_DAYS * DAY_MS) };
}

/**
 * The statements that issue a code to a user (the id may be SQL, for a user inserted earlier in the same batch):
 * every live code of the user is voided, the new one stored as its hash, and the issuance audited (without the
 * code). Put them in the batch of the use case that causes them.
 */
export function activationStatements(
  db: Db,
  opts: { userId: number | SQL; code: NewCode; actorUserId: number | null; now: Date },
) {
  const { userId, code, actorUserId, now } = opts;
  const at = now.getTime();
  return [
    db.run(sql`UPDATE activation_codes SET voided_at = ${at}
      WHERE user_id = ${userId} AND used_at IS NULL AND voided_at IS NULL`),
    db.run(sql`INSERT INTO activation_codes (user_id, code_hash, created_by, created_at, expires_at)
      VALUES (${userId}, ${code.hash}, ${actorUserId}, ${at}, ${code.expiresAt.getTime()})`),
    auditInsert(
      db,
      {
        actorUserId,
        action: 'activation_issue',
        entity: 'user',
        entityId: typeof userId === 'number' ? userId : sql`CAST(${userId} AS TEXT)`,
        changes: { expiresAt: code.expiresAt.toISOString() },
      },
      now,
    ),
  ] as const;
}

/** Issues a new code to an existing user (voiding any earlier one); answers the code, to be shown once. */
export async function issueActivation(ctx: {
  db: Db;
  cipher: PersonalDataCipher;
  userId: number;
  actorUserId: number | null;
  now: Date;
}): Promise<NewCode> {
  const code = newActivationCode(ctx.cipher, ctx.now);
  await ctx.db.batch(activationStatements(ctx.db, { ...ctx, code }));
  return code;
}

export type RedeemResult =
  | { kind: 'ok'; userId: number; role: Role; token: string }
  | { kind: 'refused' }
  | { kind: 'throttled'; retryAfter: number };

/** The buckets of an activation attempt: the account's own (apart from the login's) and the address's. */
function buckets(hasher: KeyHasher, identifier: string, ip: string) {
  return [
    { key: bucketKey(hasher, 'activate', identifier), limit: THROTTLE_MAX_FAILURES },
    { key: bucketKey(hasher, 'ip', ip), limit: THROTTLE_MAX_PER_ADDRESS },
  ];
}

/**
 * Redeems a code: under the login throttle (claimed before checking), the user's newest live code must match;
 * then, in one batch guarded by the code's single use, the password is set, a login never used before is enabled,
 * the user's sessions end, and the redemption is audited. Any mismatch (unknown login, wrong, used, voided or
 * expired code) is the same refusal.
 */
export async function redeemActivation(ctx: {
  db: Db;
  cipher: PersonalDataCipher;
  passwords: PasswordHasher;
  login: string;
  code: string;
  password: string;
  ip: string;
  now: Date;
}): Promise<RedeemResult> {
  const { db, now } = ctx;
  const identifier = loginIdentifier(ctx.login);
  const attempt = buckets(ctx.cipher, identifier, ctx.ip);
  const claim = await reserveAttempt(db, attempt, now);
  if (!claim) return { kind: 'throttled', retryAfter: await retryAfterSeconds(db, attempt, now) };
  const found = await findLoginUser(db, ctx.cipher, identifier);
  // A login the county administrator turned off (later than it was made) takes no code: their decision stands.
  const user = found?.disabledAt && found.disabledAt.getTime() !== found.createdAt.getTime() ? undefined : found;
  const live = user
    ? await db
        .select()
        .from(activationCodes)
        .where(
          and(
            eq(activationCodes.userId, user.id),
            isNull(activationCodes.usedAt),
            isNull(activationCodes.voidedAt),
            gt(activationCodes.expiresAt, now),
          ),
        )
        .orderBy(desc(activationCodes.id))
        .get()
    : undefined;
  const typed = codeHash(ctx.cipher, normaliseCode(ctx.code));
  if (!user || !live || !constantTimeEqual(decodeHex(typed), decodeHex(live.codeHash))) {
    await pruneAttempts(db, now); // the claim stays: it is this failure
    return { kind: 'refused' };
  }
  const passwordHash = await ctx.passwords.hash(ctx.password);
  const at = now.getTime();
  // Each statement runs only when the one before changed its row (changes()), so a code redeemed twice at once
  // sets the password once.
  const [used] = await db.batch([
    db.run(sql`UPDATE activation_codes SET used_at = ${at}
      WHERE id = ${live.id} AND used_at IS NULL AND voided_at IS NULL AND expires_at > ${at}`),
    db.run(sql`UPDATE users SET password_hash = ${passwordHash},
        disabled_at = CASE WHEN disabled_at = created_at THEN NULL ELSE disabled_at END
      WHERE changes() = 1 AND id = ${user.id}`),
    auditRowsFrom(
      db,
      {
        actorUserId: user.id,
        action: 'activation_redeem',
        entity: 'user',
        entityId: sql`${String(user.id)}`,
        rows: sql`WHERE changes() = 1`,
      },
      now,
    ),
    db.run(sql`DELETE FROM sessions WHERE changes() = 1 AND user_id = ${user.id}`),
    // A code still waiting in the outbox is no use any more: it is not sent.
    db.run(sql`DELETE FROM outbox WHERE status = 'pending' AND idempotency_key LIKE 'activation:%'
      AND volunteer_id IN (SELECT id FROM volunteers WHERE user_id = ${user.id})`),
    // A 守望之家 member's SMS names the member at the end of its key (care-units/logins.ts).
    db.run(sql`DELETE FROM outbox WHERE status = 'pending' AND volunteer_id IS NULL AND idempotency_key LIKE
      'activation:%:m' || (SELECT id FROM care_unit_members WHERE user_id = ${user.id})`),
  ]);
  if (changedRows(used) !== 1) return { kind: 'refused' };
  await releaseAttempt(db, claim);
  return { kind: 'ok', userId: user.id, role: user.role, token: await createSession(db, user.id, now) };
}
