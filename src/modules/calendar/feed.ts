import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Db } from '../../db/client.js';
import * as s from '../../db/schema/index.js';
import { randomToken } from '../../lib/tokens.js';
import { heldShifts } from '../shifts/queries.js';

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/** A new secret feed token for a volunteer; earlier ones stop working in the same batch. Only the hash is kept. */
export async function createFeedToken(ctx: { db: Db; volunteerId: number; now: Date }): Promise<string> {
  const { db, volunteerId, now } = ctx;
  const token = randomToken(24, 'base64url');
  await db.batch([
    db
      .update(s.calendarTokens)
      .set({ revokedAt: now })
      .where(and(eq(s.calendarTokens.volunteerId, volunteerId), isNull(s.calendarTokens.revokedAt))),
    db.insert(s.calendarTokens).values({ volunteerId, tokenHash: hashToken(token), createdAt: now }),
  ]);
  return token;
}

export async function revokeFeedTokens(ctx: { db: Db; volunteerId: number; now: Date }): Promise<void> {
  const { db, volunteerId, now } = ctx;
  await db
    .update(s.calendarTokens)
    .set({ revokedAt: now })
    .where(and(eq(s.calendarTokens.volunteerId, volunteerId), isNull(s.calendarTokens.revokedAt)));
}

/** Revokes the feed tokens of the volunteer linked to a login: a statement for the batch that disables it. */
export function revokeUserFeedTokensQuery(db: Db, userId: number, now: Date) {
  return db
    .update(s.calendarTokens)
    .set({ revokedAt: now })
    .where(
      and(
        isNull(s.calendarTokens.revokedAt),
        inArray(
          s.calendarTokens.volunteerId,
          db.select({ id: s.volunteers.id }).from(s.volunteers).where(eq(s.volunteers.userId, userId)),
        ),
      ),
    );
}

/**
 * The volunteer a live token belongs to, or null: unknown or revoked tokens, and, on every fetch, a volunteer who
 * is no longer active or whose login is disabled.
 */
export async function volunteerOfToken(db: Db, token: string): Promise<number | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const [row] = await db
    .select({ volunteerId: s.calendarTokens.volunteerId })
    .from(s.calendarTokens)
    .innerJoin(s.volunteers, eq(s.volunteers.id, s.calendarTokens.volunteerId))
    .innerJoin(s.users, eq(s.users.id, s.volunteers.userId))
    .where(
      and(
        eq(s.calendarTokens.tokenHash, hashToken(token)),
        isNull(s.calendarTokens.revokedAt),
        eq(s.volunteers.status, 'active'),
        isNull(s.users.disabledAt),
      ),
    );
  return row?.volunteerId ?? null;
}

/**
 * The volunteer's shifts (held or waitlisted) as an iCalendar document (RFC 5545): times in UTC, CRLF after every
 * line including the last, a UID from the shift and a configured domain (never the request's host), SEQUENCE
 * from the shift's change counter, and a cancelled shift kept as STATUS:CANCELLED so calendars strike it out.
 */
export async function feedFor(
  db: Db,
  volunteerId: number,
  opts: { name: string; uidDomain: string; now: Date },
): Promise<string> {
  // The shift as every shift list reads it (the shifts module's columns), with what only a calendar needs.
  const rows = await heldShifts(db, volunteerId, sql`${s.shifts.startsAt} > ${opts.now.getTime() - 90 * 86_400_000}`);
  const cal = ical({ name: opts.name, prodId: { company: 'shouwang', product: 'shifts', language: 'ZH' } });
  for (const r of rows) {
    const cancelled = r.status === 'cancelled';
    cal.createEvent({
      id: `shift-${r.id}@${opts.uidDomain}`,
      sequence: r.sequence,
      start: r.startsAt,
      end: r.endsAt,
      stamp: r.updatedAt,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      summary: cancelled ? `（已取消）${r.title}` : r.mine === 'waitlisted' ? `（候补）${r.title}` : r.title,
      location: r.place ?? undefined,
      description: [r.organisation, r.description].filter(Boolean).join('\n'),
    });
  }
  const text = cal.toString();
  // RFC 5545 §3.1: every content line ends in CRLF, the last one too.
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** Whether a volunteer opted out of a channel. */
export async function optedOut(db: Db, volunteerId: number, channel: s.Channel): Promise<boolean> {
  return (
    (await db.$count(
      s.notificationOptOuts,
      and(eq(s.notificationOptOuts.volunteerId, volunteerId), eq(s.notificationOptOuts.channel, channel)),
    )) > 0
  );
}

/** Turns a channel on or off for a volunteer (one idempotent statement either way). */
export async function setOptOut(ctx: {
  db: Db;
  volunteerId: number;
  channel: s.Channel;
  out: boolean;
  now: Date;
}): Promise<void> {
  const { db, volunteerId, channel, out, now } = ctx;
  if (out)
    await db.insert(s.notificationOptOuts).values({ volunteerId, channel, createdAt: now }).onConflictDoNothing();
  else
    await db
      .delete(s.notificationOptOuts)
      .where(and(eq(s.notificationOptOuts.volunteerId, volunteerId), eq(s.notificationOptOuts.channel, channel)));
}
