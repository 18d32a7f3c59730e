import { and, asc, eq, sql } from 'drizzle-orm';
import type { PasswordHasher } from '../auth/password.js';
import type { Db } from '../db/client.js';
import * as s from '../db/schema/index.js';
import type { Role } from '../domain/vocabulary.js';
import { auditInsert } from '../lib/audit.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import { randomToken } from '../lib/tokens.js';
import { createUser } from '../modules/users/service.js';
import { volunteerUsername } from '../modules/volunteers/mobile.js';

/** One printed demo login. */
export interface DemoLogin {
  role: Role;
  username: string;
  password: string;
  /** Who the login is, in words (township, organisation or volunteer name): for the printed block only. */
  who: string;
}

/** The accounts the history is recorded by: one station user per township, the demo ones among them. */
export interface DemoActors {
  logins: DemoLogin[];
  stationUserOf: Map<number, number>;
  coordinator: { userId: number; organisationId: number };
  volunteers: { id: number; userId: number }[];
  /** The township the demo logins work in (易俗河镇). */
  townshipId: number;
}

// 16 characters of base32 (80 bits): never a fixed password, and short enough to type from the printed block.
const password = () => randomToken(10);

async function make(deps: { db: Db; passwords: PasswordHasher }, user: Parameters<typeof createUser>[1], now: Date) {
  const result = await createUser(deps, user, now);
  if (!result.ok) throw new Error(`demo login ${user.username} exists already`);
  return result.id;
}

/** The social organisation most active in a township: based there, else with most of its volunteers. */
async function organisationActiveIn(db: Db, townshipId: number) {
  const [row] = await db
    .select({ id: s.organisations.id, name: s.organisations.name })
    .from(s.organisations)
    .innerJoin(s.volunteerOrganisations, eq(s.volunteerOrganisations.organisationId, s.organisations.id))
    .innerJoin(s.volunteers, eq(s.volunteers.id, s.volunteerOrganisations.volunteerId))
    .where(and(eq(s.organisations.kind, 'social_org'), eq(s.volunteers.townshipId, townshipId)))
    .groupBy(s.organisations.id)
    .orderBy(sql`(${s.organisations.townshipId} = ${townshipId}) desc`, sql`count(*) desc`, asc(s.organisations.id));
  if (!row) throw new Error('no social organisation has volunteers in the demo township');
  return row;
}

/**
 * Creates the demo logins (a station user of the first township, a coordinator of an organisation active there,
 * two of that organisation's volunteers there) and an unprinted station user for every other township, who
 * recorded that township's history. Every password is random; only the demo ones are returned.
 */
export async function createDemoLogins(deps: {
  db: Db;
  passwords: PasswordHasher;
  cipher: PersonalDataCipher;
  now: Date;
}): Promise<DemoActors> {
  const { db, now } = deps;
  const towns = await db.select().from(s.townships).orderBy(asc(s.townships.id));
  const home = towns[0];
  const logins: DemoLogin[] = [];
  const stationUserOf = new Map<number, number>();
  for (const [i, t] of towns.entries()) {
    const pw = password();
    const username = i === 0 ? 'demo-station' : `station-${String(i + 1).padStart(2, '0')}`;
    const id = await make(
      deps,
      { username, displayName: `${t.name}社工站`, password: pw, role: 'station_staff', townshipId: t.id },
      now,
    );
    stationUserOf.set(t.id, id);
    if (i === 0) logins.push({ role: 'station_staff', username, password: pw, who: `${t.name}社工站` });
  }
  const org = await organisationActiveIn(db, home.id);
  const coordinatorPassword = password();
  const coordinatorId = await make(
    deps,
    {
      username: 'demo-coordinator',
      displayName: org.name,
      password: coordinatorPassword,
      role: 'org_coordinator',
      organisationId: org.id,
    },
    now,
  );
  logins.push({ role: 'org_coordinator', username: 'demo-coordinator', password: coordinatorPassword, who: org.name });

  const members = await db
    .select({ id: s.volunteers.id, name: s.volunteers.name, mobileEnc: s.volunteers.mobileEnc })
    .from(s.volunteers)
    .innerJoin(s.volunteerOrganisations, eq(s.volunteerOrganisations.volunteerId, s.volunteers.id))
    .where(and(eq(s.volunteerOrganisations.organisationId, org.id), eq(s.volunteers.townshipId, home.id)))
    .orderBy(asc(s.volunteers.id))
    .limit(2);
  const volunteers: DemoActors['volunteers'] = [];
  for (const v of members) {
    const pw = password();
    // Volunteers log in with their mobile (found by its hash), as a /join sign-up does; the username is not the number.
    const username = volunteerUsername(v.id);
    const userId = await make(deps, { username, displayName: v.name, password: pw, role: 'volunteer' }, now);
    await linkVolunteerLogin(db, { volunteerId: v.id, userId, actorUserId: stationUserOf.get(home.id)! }, now);
    volunteers.push({ id: v.id, userId });
    logins.push({ role: 'volunteer', username: await deps.cipher.decrypt(v.mobileEnc), password: pw, who: v.name });
  }
  return {
    logins,
    stationUserOf,
    coordinator: { userId: coordinatorId, organisationId: org.id },
    volunteers,
    townshipId: home.id,
  };
}

/** Links a login to an approved volunteer record, audited, in one batch. */
async function linkVolunteerLogin(
  db: Db,
  link: { volunteerId: number; userId: number; actorUserId: number },
  now: Date,
) {
  await db.batch([
    db
      .update(s.volunteers)
      .set({ userId: link.userId, status: 'active', updatedAt: now })
      .where(eq(s.volunteers.id, link.volunteerId)),
    auditInsert(
      db,
      {
        actorUserId: link.actorUserId,
        action: 'link_login',
        entity: 'volunteer',
        entityId: String(link.volunteerId),
        changes: { userId: link.userId },
      },
      now,
    ),
  ]);
}
