import { eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { outbox, type users } from '../../db/schema/index.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { activationStatements, type NewCode, newActivationCode } from './service.js';

/** One login to create (or whose code to give again) for a person a station registered: a volunteer, a member. */
export interface LoginIssue {
  db: Db;
  cipher: PersonalDataCipher;
  actorUserId: number | null;
  now: Date;
  /** The person's login, when they have one already. */
  account: typeof users.$inferSelect | undefined;
  /** Give a new code (voiding the old one) when they have a login. */
  reissue: boolean;
  /** The login's id inside the batch: the account's, or the sub-select of the login `create` inserts. */
  userId: number | SQL;
  /** The new login (disabled until activated), its link to the person and its audit row. */
  create: () => readonly unknown[];
  /** The code by SMS, replacing one still waiting: statements for the same batch. */
  notice: (code: NewCode) => readonly unknown[];
  /** The outbox key of that SMS, by which the slip says whether it was texted. */
  noticeKey: (code: NewCode) => string;
}

export type Issued =
  | { kind: 'issued'; code: NewCode; texted: boolean }
  | { kind: 'skipped'; reason: 'hasLogin' | 'disabled' | 'taken' };

/**
 * Issues one person's login in one batch: the login and its link when new, the code (hashed, older ones voided),
 * the audit rows and the SMS through the outbox. A login the county administrator turned off is left alone.
 */
export async function issueLogin(i: LoginIssue): Promise<Issued> {
  const { db, account } = i;
  if (account && !i.reissue) return { kind: 'skipped', reason: 'hasLogin' };
  // Turned off later than it was made: by the county administrator, whose decision a code must not undo.
  if (account?.disabledAt && account.disabledAt.getTime() !== account.createdAt.getTime())
    return { kind: 'skipped', reason: 'disabled' };
  const code = newActivationCode(i.cipher, i.now);
  try {
    const statements = [
      ...(account ? [] : i.create()),
      ...activationStatements(db, { userId: i.userId, code, actorUserId: i.actorUserId, now: i.now }),
      ...i.notice(code),
    ];
    await db.batch(statements as unknown as Parameters<Db['batch']>[0]);
  } catch (error) {
    if (isUniqueViolation(error, 'users.username')) return { kind: 'skipped', reason: 'taken' };
    throw error;
  }
  const texted = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(eq(outbox.idempotencyKey, i.noticeKey(code)))
    .get();
  return { kind: 'issued', code, texted: texted !== undefined };
}
