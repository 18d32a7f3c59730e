// The journeys the phone tests walk (byte budget, slow network, accessibility): the demo county (Xiangtan's size)
// on the real server, a volunteer with a published visit list today and shifts to sign up for, and a login for
// every staff role. Not a test file: the three test files share it.

import { and, eq, gt, isNull } from 'drizzle-orm';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { argon2Hasher } from '../../src/auth/password.js';
import * as s from '../../src/db/schema/index.js';
import { seedDemo } from '../../src/demo/seed.js';
import { businessDate } from '../../src/domain/dates.js';
import { DEFAULT_TIME_LIMIT_MS } from '../../src/domain/matching/index.js';
import type { Role } from '../../src/domain/vocabulary.js';
import { serviceDaysJob } from '../../src/jobs/service-days.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { ALL } from '../../src/lib/scope.js';
import { redeemActivation } from '../../src/modules/activation/service.js';
import { createMemberLogins } from '../../src/modules/care-units/logins.js';
import { addMember, saveUnit } from '../../src/modules/care-units/service.js';
import { publish } from '../../src/modules/plans/publish.js';
import { findPlan } from '../../src/modules/plans/queries.js';
import { replan } from '../../src/modules/plans/replan.js';
import { createUser } from '../../src/modules/users/service.js';
import { PASSWORD } from '../setup/browser-login.js';
import type { RunningServer } from '../setup/server.js';

export { logIn, PASSWORD } from '../setup/browser-login.js';
export const PHONE = { width: 360, height: 740 } as const;

export interface Journey {
  role: Role;
  username: string;
  /** Pages opened after logging in, in order (the home page comes first, straight from the login). */
  pages: string[];
}

export interface Journeys {
  volunteer: Journey;
  station: Journey;
  coordinator: Journey;
  admin: Journey;
  /** A 守望之家 member of the first township, their login made by code and activated with PASSWORD. */
  member: Journey;
  /** An open shift on a coming service day that the volunteer has not taken. */
  openShiftId: number;
  /** A home-supported recipient of the station's township. */
  recipientId: number;
}

async function user(server: RunningServer, role: Role, username: string, opts = {}) {
  const created = await createUser(
    { db: server.database.db, passwords: argon2Hasher },
    { username, displayName: username, password: PASSWORD, role, ...opts },
    new Date(),
  );
  if (!created.ok) throw new Error(`user ${username}`);
  return created.id;
}

/** Seeds the demo county and the people who walk through it. */
export async function seedJourneys(server: RunningServer): Promise<Journeys> {
  const db = server.database.db;
  const now = new Date();
  const today = businessDate(now);
  const cipher = cipherFor(server.config);
  await seedDemo({ db, cipher, now });
  await serviceDaysJob.run({ db, now, config: server.config, logger: memoryLogger() });

  const [township] = await db.select().from(s.townships).orderBy(s.townships.id).limit(1);
  const [station] = await db
    .select()
    .from(s.organisations)
    .where(and(eq(s.organisations.kind, 'station'), eq(s.organisations.townshipId, township.id)));
  const [socialOrg] = await db.select().from(s.organisations).where(eq(s.organisations.kind, 'social_org')).limit(1);

  // The volunteer: a demo volunteer of the first township, given a login.
  const [volunteer] = await db
    .select()
    .from(s.volunteers)
    .where(and(eq(s.volunteers.townshipId, township.id), isNull(s.volunteers.userId)))
    .limit(1);
  const volunteerUserId = await user(server, 'volunteer', 'xiaowang');
  await db.update(s.volunteers).set({ userId: volunteerUserId }).where(eq(s.volunteers.id, volunteer.id));
  const stationUserId = await user(server, 'station_staff', 'zhanzhang', { townshipId: township.id });
  await user(server, 'org_coordinator', 'xietiao', { organisationId: socialOrg.id });
  await user(server, 'county_admin', 'xianju');

  // Today's visiting shift of the station, the volunteer confirmed on it, planned and published.
  const [shift] = await db
    .insert(s.shifts)
    .values({
      organisationId: station.id,
      townshipId: township.id,
      title: '集中走访',
      place: `${township.name}社工站`,
      date: today,
      startTime: '08:30',
      endTime: '17:00',
      startsAt: new Date(`${today}T08:30:00+08:00`),
      endsAt: new Date(`${today}T17:00:00+08:00`),
      capacity: 5,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await db.insert(s.shiftSignups).values({
    shiftId: shift.id,
    volunteerId: volunteer.id,
    status: 'confirmed',
    position: 1,
    createdAt: now,
    updatedAt: now,
  });
  const planShift = { id: shift.id, date: today, townshipId: township.id, title: shift.title, startTime: '08:30' };
  await replan(db, planShift, now, { timeLimitMs: DEFAULT_TIME_LIMIT_MS, clock: Date.now });
  const plan = await findPlan(db, shift.id);
  if (!plan) throw new Error('no plan');
  await publish(db, planShift, plan, stationUserId, now);

  const [openShift] = await db
    .select({ id: s.shifts.id })
    .from(s.shifts)
    .where(and(eq(s.shifts.townshipId, township.id), eq(s.shifts.status, 'open'), gt(s.shifts.date, today)))
    .orderBy(s.shifts.date, s.shifts.id)
    .limit(1);

  const households = await db
    .select({ recipientId: s.planAssignments.recipientId })
    .from(s.planAssignments)
    .where(and(eq(s.planAssignments.planId, plan.id), eq(s.planAssignments.volunteerId, volunteer.id)));
  // The day's list must have households, or the pages below would be measured empty.
  if (households.length === 0) throw new Error('the published plan gave the volunteer no household');

  // Two open needs on the station's board, one urgent (its styling is checked with the rest).
  await db.insert(s.needs).values(
    (['urgent', 'normal'] as const).map((urgency, i) => ({
      recipientId: households[i % households.length].recipientId,
      category: 'health' as const,
      urgency,
      text: urgency === 'urgent' ? '降压药已吃完，需要代购' : '屋顶漏雨，需要修补',
      openedOn: today,
      createdBy: stationUserId,
      createdAt: now,
      updatedAt: now,
    })),
  );

  const member = await memberJourney(server, township.id, today);

  return {
    member,
    recipientId: households[0].recipientId,
    volunteer: { role: 'volunteer', username: 'xiaowang', pages: ['/', '/shifts', '/visits/today', '/shifts/mine'] },
    station: {
      role: 'station_staff',
      username: 'zhanzhang',
      pages: [
        '/',
        '/recipients',
        '/visits/overdue',
        '/needs',
        '/shifts',
        '/volunteers',
        '/activities',
        '/reports/aid',
        '/visits/compliance',
      ],
    },
    coordinator: {
      role: 'org_coordinator',
      username: 'xietiao',
      pages: ['/', '/volunteers', '/shifts', '/activities', '/reports/aid'],
    },
    admin: {
      role: 'county_admin',
      username: 'xianju',
      pages: ['/', '/recipients', '/admin/users', '/places', '/organisations', '/visits/overdue', '/reports/aid'],
    },
    openShiftId: openShift.id,
  };
}

/**
 * A 守望之家 of the township's first village with one member, whose login the station made by activation code and
 * who activated it (choosing PASSWORD); their journey: home, the day's care visits, the question a death asks.
 */
async function memberJourney(server: RunningServer, townshipId: number, today: string): Promise<Journey> {
  const db = server.database.db;
  const now = new Date();
  const cipher = cipherFor(server.config);
  const [village] = await db.select().from(s.villages).where(eq(s.villages.townshipId, townshipId)).limit(1);
  const unit = await saveUnit({
    db,
    scope: ALL,
    input: {
      name: `${village.name}守望之家`,
      townshipId,
      villageIds: [village.id],
      contactName: null,
      contactPhone: null,
    },
    actorUserId: 0,
    now,
  });
  if (!unit.ok) throw new Error('unit');
  await addMember({
    db,
    unitId: unit.id,
    input: { name: '周组长', memberRole: 'leader', mobile: null },
    actorUserId: 0,
    now,
  });
  const rows = await db.select().from(s.careUnitMembers).where(eq(s.careUnitMembers.unitId, unit.id));
  const [issued] = await createMemberLogins({
    db,
    cipher,
    actorUserId: null,
    unitId: unit.id,
    rows,
    reissue: false,
    activateUrl: `${server.url}/activate`,
    now,
  });
  if (issued.kind !== 'issued') throw new Error('member code');
  const redeemed = await redeemActivation({
    db,
    cipher,
    passwords: argon2Hasher,
    login: issued.login,
    code: issued.code,
    password: PASSWORD,
    ip: '192.0.2.9',
    now,
  });
  if (redeemed.kind !== 'ok') throw new Error('member activation');
  const [household] = await db
    .select({ id: s.recipients.id })
    .from(s.recipients)
    .where(and(eq(s.recipients.villageId, village.id), eq(s.recipients.supportMode, 'home')))
    .limit(1);
  if (!household) throw new Error('the unit has no household');
  return {
    role: 'care_member',
    username: issued.login,
    pages: ['/', '/care', `/care/${household.id}/confirm?outcome=deceased&on=${today}`],
  };
}

/**
 * Counts the bytes the network delivered (headers and encoded bodies, redirects included), from the DevTools
 * protocol's own accounting; reset between pages. Served from the browser's cache counts nothing, as it should.
 */
export class TransferMeter {
  bytes = 0;
  requests: { url: string; bytes: number }[] = [];
  private pending = new Map<string, string>();
  private constructor(readonly cdp: CDPSession) {}

  static async attach(context: BrowserContext, page: Page): Promise<TransferMeter> {
    const cdp = await context.newCDPSession(page);
    const meter = new TransferMeter(cdp);
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.redirectResponse) meter.add(e.redirectResponse.url, e.redirectResponse.encodedDataLength);
      meter.pending.set(e.requestId, e.request.url);
    });
    cdp.on('Network.loadingFinished', (e) => {
      // A request whose start the meter did not see (begun before it attached) still counts its bytes.
      meter.add(meter.pending.get(e.requestId) ?? '(start not seen)', e.encodedDataLength);
      meter.pending.delete(e.requestId);
    });
    cdp.on('Network.loadingFailed', (e) => {
      meter.pending.delete(e.requestId);
    });
    return meter;
  }

  private add(url: string, bytes: number) {
    this.bytes += bytes;
    this.requests.push({ url: URL.canParse(url) ? new URL(url).pathname : url, bytes });
  }

  reset() {
    this.bytes = 0;
    this.requests = [];
  }

  /** Waits until no request is in flight (a page's assets finish after its load event on a slow link). */
  async settle(timeoutMs = 10_000) {
    const end = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  }

  kib() {
    return Math.round(this.bytes / 102.4) / 10;
  }
}

/** Whether the page is wider than the phone (it would scroll sideways). */
export function overflowsPhone(page: Page): Promise<boolean> {
  return page.evaluate((width) => document.documentElement.scrollWidth > width, PHONE.width);
}
