import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import ical from 'ical-generator';
import type { Db } from '../../db/client.js';
import * as s from '../../db/schema/index.js';

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/** A new secret feed token for a volunteer; earlier ones stop working in the same batch. Only the hash is kept. */
export async function createFeedToken(db: Db, volunteerId: number, now: Date): Promise<string> {
  const token = encodeBase64urlNoPadding(crypto.getRandomValues(new Uint8Array(24)));
  await db.batch([
    db
      .update(s.calendarTokens)
      .set({ revokedAt: now })
      .where(and(eq(s.calendarTokens.volunteerId, volunteerId), isNull(s.calendarTokens.revokedAt))),
    db.insert(s.calendarTokens).values({ volunteerId, tokenHash: hashToken(token), createdAt: now }),
  ]);
  return token;
}

export async function revokeFeedTokens(db: Db, volunteerId: number, now: Date): Promise<void> {
  await db
    .update(s.calendarTokens)
    .set({ revokedAt: now })
    .where(and(eq(s.calendarTokens.volunteerId, volunteerId), isNull(s.calendarTokens.revokedAt)));
}

/** The volunteer a live token belongs to, or null (unknown or revoked). */
export async function volunteerOfToken(db: Db, token: string): Promise<number | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const [row] = await db
    .select({ volunteerId: s.calendarTokens.volunteerId })
    .from(s.calendarTokens)
    .where(and(eq(s.calendarTokens.tokenHash, hashToken(token)), isNull(s.calendarTokens.revokedAt)));
  return row?.volunteerId ?? null;
}

/** The volunteer's shifts (held or waitlisted) as an iCalendar document; times in UTC. */
export async function feedFor(db: Db, volunteerId: number, name: string, host: string): Promise<string> {
  const rows = await db
    .select({
      id: s.shifts.id,
      title: s.shifts.title,
      place: s.shifts.place,
      description: s.shifts.description,
      startsAt: s.shifts.startsAt,
      endsAt: s.shifts.endsAt,
      status: s.shiftSignups.status,
      organisation: s.organisations.name,
      updatedAt: s.shifts.updatedAt,
    })
    .from(s.shiftSignups)
    .innerJoin(s.shifts, eq(s.shifts.id, s.shiftSignups.shiftId))
    .innerJoin(s.organisations, eq(s.organisations.id, s.shifts.organisationId))
    .where(
      and(
        eq(s.shiftSignups.volunteerId, volunteerId),
        ne(s.shiftSignups.status, 'cancelled'),
        eq(s.shifts.status, 'open'),
        sql`${s.shifts.startsAt} > ${Date.now() - 90 * 86_400_000}`,
      ),
    );
  const cal = ical({ name, prodId: { company: 'shouwang', product: 'shifts', language: 'ZH' } });
  for (const r of rows) {
    cal.createEvent({
      id: `shift-${r.id}@${host}`,
      start: r.startsAt,
      end: r.endsAt,
      stamp: r.updatedAt,
      summary: r.status === 'waitlisted' ? `（候补）${r.title}` : r.title,
      location: r.place ?? undefined,
      description: [r.organisation, r.description].filter(Boolean).join('\n'),
    });
  }
  return cal.toString();
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
export async function setOptOut(
  db: Db,
  volunteerId: number,
  channel: s.Channel,
  out: boolean,
  now: Date,
): Promise<void> {
  if (out)
    await db.insert(s.notificationOptOuts).values({ volunteerId, channel, createdAt: now }).onConflictDoNothing();
  else
    await db
      .delete(s.notificationOptOuts)
      .where(and(eq(s.notificationOptOuts.volunteerId, volunteerId), eq(s.notificationOptOuts.channel, channel)));
}
