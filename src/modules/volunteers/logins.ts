import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { users, volunteers } from '../../db/schema/index.js';
import { formatCode } from '../../domain/activation-code.js';
import { businessDate } from '../../domain/dates.js';
import { auditInsert } from '../../lib/audit.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { issueLogin } from '../activation/logins.js';
import type { NewCode } from '../activation/service.js';
import { bilingual, queueNotice } from '../notices/queue.js';
import { volunteerUsername } from './mobile.js';

/** No password verifies against this (it is no PHC string): the login is usable only after activation. */
export const UNSET_PASSWORD = '!activation-pending';

type Volunteer = typeof volunteers.$inferSelect;

export type LoginState = 'none' | 'pendingActivation' | 'awaitingApproval' | 'active' | 'disabled';

/** What a volunteer's login is now, for their page. */
export async function loginState(db: Db, userId: number | null): Promise<LoginState> {
  const user = userId ? await db.select().from(users).where(eq(users.id, userId)).get() : undefined;
  if (!user) return 'none';
  if (!user.disabledAt) return 'active';
  if (user.disabledAt.getTime() !== user.createdAt.getTime()) return 'disabled';
  return user.passwordHash === UNSET_PASSWORD ? 'pendingActivation' : 'awaitingApproval';
}

export type LoginOutcome =
  | { kind: 'issued'; volunteer: Volunteer; code: string; expiresOn: string; newLogin: boolean; texted: string | null }
  | { kind: 'skipped'; volunteer: Volunteer; reason: 'hasLogin' | 'notActive' | 'disabled' | 'taken' };

export interface LoginContext {
  db: Db;
  cipher: PersonalDataCipher;
  actorUserId: number;
  /** Volunteers already read through the creator's Scope. */
  rows: Volunteer[];
  /** Give a new code (voiding the old one) to those who already have a login. */
  reissue: boolean;
  /** The address printed on the slip and sent by SMS: where /activate is. */
  activateUrl: string;
  now: Date;
}

/**
 * Creates a login (username volunteer-<id>, entered by mobile; disabled until activated) for each volunteer without one, or re-issues
 * the code of one who has one when asked; each volunteer in one batch: the login and its link, the code (hashed),
 * the audit rows and the SMS through the outbox. Answers what happened to each, the codes to be shown once.
 */
export async function createVolunteerLogins(ctx: LoginContext): Promise<LoginOutcome[]> {
  const linked = ctx.rows.map((v) => v.userId).filter((id): id is number => id !== null);
  const accounts = linked.length ? await ctx.db.select().from(users).where(inArray(users.id, linked)) : [];
  const out: LoginOutcome[] = [];
  for (const volunteer of ctx.rows) {
    const account = accounts.find((u) => u.id === volunteer.userId);
    out.push(await oneLogin(ctx, volunteer, account));
  }
  return out;
}

async function oneLogin(
  ctx: LoginContext,
  volunteer: Volunteer,
  account: typeof users.$inferSelect | undefined,
): Promise<LoginOutcome> {
  if (volunteer.status !== 'active') return { kind: 'skipped', volunteer, reason: 'notActive' };
  const issued = await issueLogin({
    ...ctx,
    account,
    userId: account ? account.id : sql`(SELECT id FROM users WHERE username = ${volunteerUsername(volunteer.id)})`,
    create: () => create(ctx, volunteer),
    notice: (code) => notice(ctx, volunteer, code),
    noticeKey: (code) => `${noticeKey(code)}:${volunteer.id}`,
  });
  if (issued.kind === 'skipped') return { ...issued, volunteer };
  return {
    kind: 'issued',
    volunteer,
    code: issued.code.code,
    expiresOn: businessDate(issued.code.expiresAt),
    newLogin: !account,
    texted: issued.texted ? volunteer.mobileMasked : null,
  };
}

const noticeKey = (code: NewCode) => `activation:${code.hash.slice(0, 24)}`;

function create(ctx: LoginContext, v: Volunteer) {
  const { db, now } = ctx;
  const username = volunteerUsername(v.id);
  return [
    db.insert(users).values({
      username,
      displayName: v.name,
      passwordHash: UNSET_PASSWORD,
      role: 'volunteer',
      // Disabled at the instant it is made: the mark of a login nobody has used yet (activation enables it).
      disabledAt: now,
      createdAt: now,
    }),
    db
      .update(volunteers)
      .set({ userId: sql`(SELECT id FROM users WHERE username = ${username})`, updatedAt: now })
      .where(and(eq(volunteers.id, v.id), isNull(volunteers.userId))),
    auditInsert(db, { actorUserId: ctx.actorUserId, action: 'login_create', entity: 'volunteer', entityId: v.id }, now),
  ];
}

/** The code by SMS, replacing any earlier code still waiting in the outbox (it was voided). */
function notice(ctx: LoginContext, v: Volunteer, code: NewCode) {
  const expires = businessDate(code.expiresAt);
  const text = bilingual((t) => ({
    subject: t('activate.notice.subject'),
    body: t('activate.notice.body', { code: formatCode(code.code), expires, url: ctx.activateUrl }),
  }));
  return [
    ctx.db.run(
      sql`DELETE FROM outbox WHERE volunteer_id = ${v.id} AND status = 'pending' AND idempotency_key LIKE 'activation:%'`,
    ),
    ctx.db.run(queueNotice({ key: noticeKey(code), volunteerWhere: sql`v.id = ${v.id}`, text, now: ctx.now })),
  ] as const;
}
