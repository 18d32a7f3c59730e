import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import * as s from '../db/schema/index.js';
import { addYears, businessDate } from '../domain/dates.js';
import { maskIdNumber } from '../domain/id-number.js';
import { maskMobile } from '../domain/mobile.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import { mobileColumns } from '../modules/volunteers/mobile.js';
import {
  countySize,
  type DemoSize,
  demoOrganisations,
  demoRecipient,
  demoVillages,
  demoVolunteer,
  rng,
  villagesPerTownship,
} from './generate.js';
import { XIANGTAN_TOWNSHIPS } from './names.js';

const CHUNK = 500;

/** A generated signing date moved back by whole years until it is not after the registry's day (no future ones). */
function signedBy(date: string, today: string): string {
  let d = date;
  while (d > today) d = addYears(d, -1);
  return d;
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export interface SeedResult {
  townships: number;
  villages: number;
  organisations: number;
  volunteers: number;
  recipients: number;
}

/** Fills an empty registry with a fictional county of the given size (Xiangtan's by default). */
export async function seedDemo(
  deps: { db: Db; cipher: PersonalDataCipher; now: Date },
  options: { size?: DemoSize; seed?: number } = {},
): Promise<SeedResult | { skipped: 'not_empty' }> {
  const { db, cipher, now } = deps;
  const today = businessDate(now);
  if ((await db.$count(s.townships)) > 0) return { skipped: 'not_empty' };
  const size = options.size ?? countySize();
  const r = rng(options.seed ?? 20260424);
  const townshipNames = Array.from({ length: size.townships }, (_, i) =>
    i < XIANGTAN_TOWNSHIPS.length ? XIANGTAN_TOWNSHIPS[i] : `示范${i + 1}乡`,
  );

  const townshipRows = await db
    .insert(s.townships)
    .values(townshipNames.map((name) => ({ name, createdAt: now })))
    .returning({ id: s.townships.id });
  const townshipIds = townshipRows.map((x) => x.id);

  const villages = demoVillages(r, size);
  const villageIds: number[] = [];
  await insertChunks(villages, async (chunk) => {
    const rows = await db
      .insert(s.villages)
      .values(
        chunk.map((v) => ({
          townshipId: townshipIds[v.township],
          name: v.name,
          kind: v.kind,
          lat: v.lat,
          lng: v.lng,
          createdAt: now,
        })),
      )
      .returning({ id: s.villages.id });
    villageIds.push(...rows.map((x) => x.id));
  });

  const orgs = demoOrganisations(r, size, townshipNames);
  const orgRows = await db
    .insert(s.organisations)
    .values(
      orgs.map((o) => ({
        name: o.name,
        kind: o.kind,
        townshipId: o.township === null ? null : townshipIds[o.township],
        regional: o.regional,
        beds: o.beds,
        incubationStage: o.incubationStage,
        incubationYear: o.incubationYear,
        contactName: o.contactName,
        contactPhone: o.contactPhone,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: s.organisations.id });
  const orgIds = orgRows.map((x) => x.id);
  await db
    .insert(s.incubationEvents)
    .values(
      orgs.flatMap((o, i) =>
        o.incubationYear
          ? [{ organisationId: orgIds[i], stage: o.incubationStage!, on: `${o.incubationYear}-03-01`, createdAt: now }]
          : [],
      ),
    );
  const nursingHomeIds = orgIds.slice(size.socialOrgs + size.townships);

  const volunteers = Array.from({ length: size.volunteers }, (_, i) => demoVolunteer(r, i, size));
  await insertChunks(volunteers, async (chunk) => {
    const rows = await db
      .insert(s.volunteers)
      .values(
        await Promise.all(
          chunk.map(async (v) => ({
            name: v.name,
            ...(await mobileColumns(cipher, v.mobile)),
            townshipId: townshipIds[v.township],
            skills: v.skills,
            partyMember: v.partyMember,
            createdAt: now,
            updatedAt: now,
          })),
        ),
      )
      .returning({ id: s.volunteers.id });
    await db
      .insert(s.volunteerOrganisations)
      .values(
        chunk.flatMap((v, k) => v.organisations.map((o) => ({ volunteerId: rows[k].id, organisationId: orgIds[o] }))),
      )
      .onConflictDoNothing();
  });

  const counts = villagesPerTownship(size);
  const firstVillage = counts.map((_, t) => counts.slice(0, t).reduce((a, b) => a + b, 0));
  const total = size.homeRecipients + size.institutionRecipients;
  const seen = new Set<string>();
  for (let start = 0; start < total; start += CHUNK) {
    const chunk = [];
    for (let i = start; i < Math.min(total, start + CHUNK); i++) {
      let p = demoRecipient(r, i, size);
      while (seen.has(p.idNumber)) p = demoRecipient(r, i, size);
      seen.add(p.idNumber);
      chunk.push(p);
    }
    const encrypted = await Promise.all(
      chunk.map(async (p) => ({
        id: await cipher.encrypt(p.idNumber),
        mobile: p.caregiverMobile ? await cipher.encrypt(p.caregiverMobile) : null,
      })),
    );
    const rows = await db
      .insert(s.recipients)
      .values(
        chunk.map((p, k) => ({
          name: p.name,
          idNumberEnc: encrypted[k].id,
          idNumberHash: cipher.lookupHash(p.idNumber),
          idNumberMasked: maskIdNumber(p.idNumber),
          keyVersion: cipher.keyVersion,
          gender: p.gender,
          townshipId: townshipIds[p.township],
          villageId: villageIds[firstVillage[p.township] + p.village],
          supportMode: p.supportMode,
          nursingHomeId: p.nursingHome === null ? null : nursingHomeIds[p.nursingHome],
          careLevel: p.careLevel,
          caregiverName: p.caregiverName,
          caregiverMobileEnc: encrypted[k].mobile,
          caregiverMobileMasked: p.caregiverMobile ? maskMobile(p.caregiverMobile) : null,
          agreementKind: p.agreementKind,
          agreementSignedOn: p.agreementSignedOn && signedBy(p.agreementSignedOn, today),
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning({ id: s.recipients.id });
    await db.insert(s.assessments).values(
      chunk.map((p, k) => ({
        recipientId: rows[k].id,
        assessedOn: '2026-01-15',
        assessor: '第三方评估机构',
        ...p.items,
        level: p.careLevel,
        createdAt: now,
      })),
    );
  }
  await db.run(sql`PRAGMA optimize`);
  return {
    townships: townshipIds.length,
    villages: villageIds.length,
    organisations: orgIds.length,
    volunteers: volunteers.length,
    recipients: total,
  };
}
