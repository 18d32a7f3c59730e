import type { PasswordHasher } from '../../auth/password.js';
import { bucketKey, reserveAttempt, retryAfterSeconds, THROTTLE_MAX_FAILURES } from '../../auth/throttle.js';
import type { Db } from '../../db/client.js';
import type { MessageKey } from '../../lib/i18n/core.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { organisationStanding, townshipExists } from './queries.js';
import type { JoinInput } from './schema.js';
import { join } from './service.js';

export type JoinOutcome =
  | { kind: 'joined'; id: number }
  | { kind: 'duplicate' }
  | { kind: 'throttled'; retryAfter: number }
  | { kind: 'unknown'; errors: Partial<Record<'organisationId' | 'townshipId', MessageKey>> };

/** Why a chosen organisation cannot take a volunteer: unknown, or withdrawn from incubation; null when it can. */
export async function organisationProblemKey(db: Db, id: number | null | undefined): Promise<MessageKey | null> {
  const standing = id ? await organisationStanding(db, id) : 'ok';
  if (standing === 'ok') return null;
  return standing === 'withdrawn' ? 'vols.error.organisationWithdrawn' : 'vols.error.organisation';
}

/**
 * A public sign-up from a well-formed form. A public form that creates accounts: at most five well-formed attempts
 * per address in 15 minutes, counted in the login throttle's table (same window, same clean-up) and claimed
 * atomically before anything is written, so a script cannot fill the pending list. Ids that name nothing are the
 * visitor's mistake (a field error), not a foreign-key error. A mobile already registered writes nothing.
 */
export async function submitJoin(ctx: {
  db: Db;
  cipher: PersonalDataCipher;
  passwords: PasswordHasher;
  now: Date;
  ip: string;
  input: JoinInput;
}): Promise<JoinOutcome> {
  const { db, now, input } = ctx;
  const buckets = [{ key: bucketKey(ctx.cipher, 'join', ctx.ip), limit: THROTTLE_MAX_FAILURES }];
  if (!(await reserveAttempt(db, buckets, now))) {
    return { kind: 'throttled', retryAfter: await retryAfterSeconds(db, buckets, now) };
  }
  const errors: Extract<JoinOutcome, { kind: 'unknown' }>['errors'] = {};
  const organisation = await organisationProblemKey(db, input.organisationId);
  if (organisation) errors.organisationId = organisation;
  if (!(await townshipExists(db, input.townshipId))) errors.townshipId = 'vols.error.townshipUnknown';
  if (Object.keys(errors).length) return { kind: 'unknown', errors };
  const result = await join({ db, cipher: ctx.cipher, passwords: ctx.passwords, input, now });
  return result.ok ? { kind: 'joined', id: result.id } : { kind: 'duplicate' };
}
