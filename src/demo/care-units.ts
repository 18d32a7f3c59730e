import { asc, eq, sql } from 'drizzle-orm';
import type { PasswordHasher } from '../auth/password.js';
import type { Db } from '../db/client.js';
import * as s from '../db/schema/index.js';
import { DEFAULT_CADENCE } from '../domain/cadence.js';
import { addDays, businessDate, shanghaiInstant } from '../domain/dates.js';
import { CARE_MEMBER_ROLES } from '../domain/vocabulary.js';
import { randomToken } from '../lib/tokens.js';
import { createUser } from '../modules/users/service.js';
import { demoMobile, personName, type Rng } from './generate.js';
import type { DemoLogin } from './logins.js';

/** How many days of care visits the demo county has before today: a month, so this month and the last have some. */
export const CARE_DAYS = 30;
const CHUNK = 400;

export interface DemoCareUnits {
  units: number;
  members: number;
  visits: number;
  login: DemoLogin;
}

/**
 * The 守望之家 of the demo county: one per village (four members, one of each role), and in every township the
 * second village's unit also covering the first village, whose households are assigned to one unit or the other.
 * Then a month of care visits at each unit's own diligence (most keep the cadence well, some poorly, a few
 * households not found at home), so compliance reads like a county's: believable, imperfect, different per unit.
 * Plain batched inserts (tens of thousands of rows): the capture service is one tap a row, far too slow for a seed.
 */
export async function seedCareUnits(
  deps: { db: Db; passwords: PasswordHasher; now: Date; registeredAt: Date },
  r: Rng,
  demoTownshipId: number,
): Promise<DemoCareUnits> {
  const { db, registeredAt: at } = deps;
  const villages = await db
    .select({ id: s.villages.id, name: s.villages.name, townshipId: s.villages.townshipId, township: s.townships.name })
    .from(s.villages)
    .innerJoin(s.townships, eq(s.townships.id, s.villages.townshipId))
    .where(eq(s.villages.kind, 'village'))
    .orderBy(asc(s.villages.townshipId), asc(s.villages.id));
  const names = new Set<string>();
  const unitRows = villages.map((v) => {
    const plain = `${v.name}守望之家`;
    const name = names.has(plain) ? `${v.township}${plain}` : plain;
    names.add(name);
    return { name, kind: 'care_unit' as const, townshipId: v.townshipId, createdAt: at, updatedAt: at };
  });
  const unitIds: number[] = [];
  for (let i = 0; i < unitRows.length; i += CHUNK)
    unitIds.push(
      ...(
        await db
          .insert(s.organisations)
          .values(unitRows.slice(i, i + CHUNK))
          .returning({ id: s.organisations.id })
      ).map((x) => x.id),
    );
  const unitOfVillage = new Map(villages.map((v, i) => [v.id, unitIds[i]]));

  // Each unit its own village; the second unit of a township shares the first village (the households split).
  const covers = villages.map((v, i) => ({ unitId: unitIds[i], villageId: v.id }));
  const shared: { villageId: number; units: [number, number] }[] = [];
  for (let i = 1; i < villages.length; i++)
    if (
      villages[i].townshipId === villages[i - 1].townshipId &&
      (i < 2 || villages[i - 2].townshipId !== villages[i].townshipId)
    ) {
      covers.push({ unitId: unitIds[i], villageId: villages[i - 1].id });
      shared.push({ villageId: villages[i - 1].id, units: [unitIds[i - 1], unitIds[i]] });
    }
  for (let i = 0; i < covers.length; i += CHUNK) await db.insert(s.careUnitVillages).values(covers.slice(i, i + CHUNK));

  const members = unitIds.flatMap((unitId, u) =>
    CARE_MEMBER_ROLES.map((memberRole, k) => ({
      unitId,
      name: personName(r),
      memberRole,
      mobile: demoMobile(r, 5_000_000 + u * 4 + k),
      createdAt: at,
      updatedAt: at,
    })),
  );
  for (let i = 0; i < members.length; i += CHUNK)
    await db.insert(s.careUnitMembers).values(members.slice(i, i + CHUNK));

  const people = await db
    .select({ id: s.recipients.id, villageId: s.recipients.villageId, level: s.recipients.careLevel })
    .from(s.recipients)
    .where(sql`${s.recipients.status} = 'active' AND ${s.recipients.supportMode} = 'home'`)
    .orderBy(asc(s.recipients.id));
  const unitOf = new Map<number, number>();
  const assignments: { recipientId: number; unitId: number; createdAt: Date }[] = [];
  for (const p of people) {
    const split = shared.find((x) => x.villageId === p.villageId);
    const unitId = split ? split.units[p.id % 2] : p.villageId === null ? undefined : unitOfVillage.get(p.villageId);
    if (unitId === undefined) continue;
    unitOf.set(p.id, unitId);
    if (split) assignments.push({ recipientId: p.id, unitId, createdAt: at });
  }
  for (let i = 0; i < assignments.length; i += CHUNK)
    await db.insert(s.careUnitHouseholds).values(assignments.slice(i, i + CHUNK));

  const login = await demoMemberLogin(deps, members, unitIds, villages, demoTownshipId);
  const visits = await careVisits(db, r, { people, unitOf, members, today: businessDate(deps.now), login });
  return { units: unitIds.length, members: members.length, visits, login: login.printed };
}

/** The demo member: the leader of the demo township's first unit, with a random password printed once. */
async function demoMemberLogin(
  deps: { db: Db; passwords: PasswordHasher; registeredAt: Date },
  members: { unitId: number; name: string; memberRole: string }[],
  unitIds: number[],
  villages: { townshipId: number; name: string }[],
  demoTownshipId: number,
) {
  const unitId = unitIds[villages.findIndex((v) => v.townshipId === demoTownshipId)];
  const leader = members.find((m) => m.unitId === unitId && m.memberRole === 'leader')!;
  const password = randomToken(10);
  const user = await createUser(
    deps,
    { username: 'demo-member', displayName: leader.name, password, role: 'care_member', organisationId: unitId },
    deps.registeredAt,
  );
  if (!user.ok) throw new Error('demo login demo-member exists already');
  await deps.db
    .update(s.careUnitMembers)
    .set({ userId: user.id })
    .where(sql`${s.careUnitMembers.unitId} = ${unitId} AND ${s.careUnitMembers.memberRole} = 'leader'`);
  const unit = await deps.db
    .select({ name: s.organisations.name })
    .from(s.organisations)
    .where(eq(s.organisations.id, unitId))
    .get();
  const printed: DemoLogin = {
    role: 'care_member',
    username: 'demo-member',
    password,
    who: `${leader.name}（${unit!.name}）`,
  };
  return { printed, unitId, userId: user.id, name: leader.name };
}

/**
 * The month of care visits: each unit keeps the cadence with its own probability (three in four units are diligent,
 * the rest patchy), a missed day is caught up the next day or later, and some visits find nobody at home.
 */
async function careVisits(
  db: Db,
  r: Rng,
  p: {
    people: { id: number; level: s.CareLevel }[];
    unitOf: Map<number, number>;
    members: { unitId: number; name: string; memberRole: string }[];
    today: string;
    login: { unitId: number; userId: number; name: string };
  },
): Promise<number> {
  const diligence = new Map<number, number>();
  const crew = new Map<number, { name: string; memberRole: string }[]>();
  for (const m of p.members) crew.set(m.unitId, [...(crew.get(m.unitId) ?? []), m]);
  const rows: (typeof s.visits.$inferInsert)[] = [];
  for (const person of p.people) {
    const unitId = p.unitOf.get(person.id);
    if (unitId === undefined) continue;
    if (!diligence.has(unitId)) diligence.set(unitId, r.chance(0.75) ? 0.85 + r.next() * 0.14 : 0.45 + r.next() * 0.3);
    const keep = diligence.get(unitId)!;
    const interval = DEFAULT_CADENCE[person.level];
    let due = addDays(p.today, -CARE_DAYS + r.int(0, interval - 1));
    for (let d = CARE_DAYS; d >= 1; d--) {
      const on = addDays(p.today, -d);
      if (on < due || !r.chance(keep)) continue;
      const who = r.pick(crew.get(unitId)!);
      const outcome = r.chance(0.04) ? ('not_home' as const) : ('visited' as const);
      rows.push({
        recipientId: person.id,
        visitedOn: on,
        kind: 'home_visit',
        visitorKind: who.memberRole === 'village_doctor' ? 'village_doctor' : 'watch_home_member',
        visitorNames: who.name,
        volunteerIds: [],
        outcome,
        recordedBy: unitId === p.login.unitId ? p.login.userId : null,
        organisationId: unitId,
        createdAt: shanghaiInstant(on, '17:30'),
      });
      if (outcome === 'visited') due = addDays(on, interval);
    }
  }
  for (let i = 0; i < rows.length; i += CHUNK) await db.insert(s.visits).values(rows.slice(i, i + CHUNK));
  return rows.length;
}
