import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { careUnitMembers, outbox, users } from '../../db/schema/index.js';
import { formatCode } from '../../domain/activation-code.js';
import { businessDate } from '../../domain/dates.js';
import { maskMobile, normaliseMobile } from '../../domain/mobile.js';
import { auditInsert } from '../../lib/audit.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { issueLogin } from '../activation/logins.js';
import type { NewCode } from '../activation/service.js';
import { bilingual } from '../notices/queue.js';
import { UNSET_PASSWORD } from '../volunteers/logins.js';

type Member = typeof careUnitMembers.$inferSelect;

export type MemberLoginOutcome =
  | { kind: 'issued'; member: Member; login: string; code: string; expiresOn: string; texted: string | null }
  | { kind: 'skipped'; member: Member; reason: 'hasLogin' | 'disabled' | 'taken' };

export interface MemberLoginContext {
  db: Db;
  cipher: PersonalDataCipher;
  /** The station's user; null for the demo seed and the tests' fixtures, which have none. */
  actorUserId: number | null;
  unitId: number;
  /** Members of the unit, already read after the unit was found in the creator's Scope. */
  rows: Member[];
  /** Give a new code (voiding the old one) to those who already have a login. */
  reissue: boolean;
  /** The address printed on the slip and sent by SMS: where /activate is. */
  activateUrl: string;
  now: Date;
}

/**
 * The login a member types: their mobile when one is on file (as for volunteers), else a username made from the
 * member's id, printed on the slip. Never a station-chosen password: the member sets it at /activate.
 */
export const memberLogin = (m: Member) => normaliseMobile(m.mobile ?? '') ?? `care${m.id}`;

/**
 * Creates a login (role care_member, bound to the unit, disabled until activated) for each member without one, or
 * re-issues the code of one who has one when asked; each member in one batch: the login and its link, the code
 * (hashed), the audit rows and the SMS through the outbox. Answers what happened to each; the codes shown once.
 */
export async function createMemberLogins(ctx: MemberLoginContext): Promise<MemberLoginOutcome[]> {
  const linked = ctx.rows.map((m) => m.userId).filter((id): id is number => id !== null);
  const accounts = linked.length ? await ctx.db.select().from(users).where(inArray(users.id, linked)) : [];
  const out: MemberLoginOutcome[] = [];
  for (const member of ctx.rows)
    out.push(
      await oneLogin(
        ctx,
        member,
        accounts.find((u) => u.id === member.userId),
      ),
    );
  return out;
}

async function oneLogin(
  ctx: MemberLoginContext,
  member: Member,
  account: typeof users.$inferSelect | undefined,
): Promise<MemberLoginOutcome> {
  const login = account?.username ?? memberLogin(member);
  const issued = await issueLogin({
    ...ctx,
    account,
    userId: account ? account.id : sql`(SELECT id FROM users WHERE username = ${login})`,
    create: () => create(ctx, member, login),
    notice: (code) => notice(ctx, member, code),
    noticeKey: (code) => key(code, member),
  });
  if (issued.kind === 'skipped') return { ...issued, member };
  // The slip prints a mobile login masked, as the volunteers' slips do: the member knows their own number.
  const shown = normaliseMobile(login) ? maskMobile(login) : login;
  return {
    kind: 'issued',
    member,
    login: shown,
    code: issued.code.code,
    expiresOn: businessDate(issued.code.expiresAt),
    texted: issued.texted ? maskMobile(member.mobile!) : null,
  };
}

// The member's id ends the key, so a re-issue (or the redemption) finds the SMS still waiting and drops it.
const key = (code: NewCode, m: Member) => `activation:${code.hash.slice(0, 24)}:m${m.id}`;

function create(ctx: MemberLoginContext, m: Member, login: string) {
  const { db, now } = ctx;
  return [
    db.insert(users).values({
      username: login,
      displayName: m.name,
      passwordHash: UNSET_PASSWORD,
      role: 'care_member',
      organisationId: ctx.unitId,
      // Disabled at the instant it is made: the mark of a login nobody has used yet (activation enables it).
      disabledAt: now,
      createdAt: now,
    }),
    db
      .update(careUnitMembers)
      .set({ userId: sql`(SELECT id FROM users WHERE username = ${login})`, updatedAt: now })
      .where(and(eq(careUnitMembers.id, m.id), isNull(careUnitMembers.userId))),
    auditInsert(
      db,
      { actorUserId: ctx.actorUserId, action: 'login_create', entity: 'care_unit_member', entityId: m.id },
      now,
    ),
  ];
}

/** The code by SMS when a mobile is on file, replacing any earlier code still waiting in the outbox (voided). */
function notice(ctx: MemberLoginContext, m: Member, code: NewCode) {
  const drop = ctx.db.run(
    sql`DELETE FROM outbox WHERE status = 'pending' AND volunteer_id IS NULL AND idempotency_key LIKE ${`activation:%:m${m.id}`}`,
  );
  const mobile = normaliseMobile(m.mobile ?? '');
  if (!mobile) return [drop];
  // A member has no language of their own until they log in: Chinese, the county's.
  const { zh } = bilingual((t) => ({
    subject: t('activate.notice.subject'),
    body: t('activate.notice.body', {
      code: formatCode(code.code),
      expires: businessDate(code.expiresAt),
      url: ctx.activateUrl,
    }),
  }));
  const at = ctx.now;
  return [
    drop,
    ctx.db.insert(outbox).values({
      channel: 'sms',
      recipient: mobile,
      subject: zh.subject,
      body: zh.body,
      status: 'pending',
      nextAttemptAt: at,
      idempotencyKey: key(code, m),
      createdAt: at,
    }),
  ];
}
