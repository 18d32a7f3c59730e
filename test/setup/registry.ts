import * as s from '../../src/db/schema/index.js';
import { idCheckChar, maskIdNumber } from '../../src/domain/id-number.js';
import { maskMobile } from '../../src/domain/mobile.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import type { TestApp } from './app.js';
import { type Browser, createTestApp, loginAs } from './app.js';

/** A valid ID number for tests: area 430321, the birth date given, sequence `seq` (odd = man). */
export function testIdNumber(birth = '19500101', seq = 123): string {
  const first17 = `430321${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/**
 * Two townships (X, Y), a station in each, a social organisation in each (A in X, B in Y), a nursing home, two
 * villages per township, and one recipient in each township — the "own" and "foreign" records of policy tests.
 */
export async function registryFixture(t: TestApp) {
  const db = t.database.db;
  const now = t.clock.now();
  const cipher = cipherFor(t.config);
  const [x, y] = await db
    .insert(s.townships)
    .values([
      { name: '花石镇', createdAt: now },
      { name: '射埠镇', createdAt: now },
    ])
    .returning();
  const villages = await db
    .insert(s.villages)
    .values([
      { townshipId: x.id, name: '花石村', createdAt: now },
      { townshipId: x.id, name: '新塘村', createdAt: now },
      { townshipId: y.id, name: '射埠村', createdAt: now },
      { townshipId: y.id, name: '长冲村', createdAt: now },
    ])
    .returning();
  const org = (name: string, kind: s.OrganisationKind, townshipId: number) => ({
    name,
    kind,
    townshipId,
    createdAt: now,
    updatedAt: now,
  });
  const [stationX, stationY, orgA, orgB, home] = await db
    .insert(s.organisations)
    .values([
      org('花石镇社工站', 'station', x.id),
      org('射埠镇社工站', 'station', y.id),
      {
        ...org('湘潭县阳光社工服务中心', 'social_org', x.id),
        incubationStage: 'incubating' as const,
        incubationYear: 2025,
      },
      {
        ...org('湘潭县春晖志愿者协会', 'social_org', y.id),
        incubationStage: 'graduated' as const,
        incubationYear: 2021,
      },
      { ...org('花石镇区域性敬老院', 'nursing_home', x.id), regional: true, beds: 120 },
    ])
    .returning();
  const recipient = async (name: string, townshipId: number, villageId: number, id: string, mobile: string) =>
    (
      await db
        .insert(s.recipients)
        .values({
          name,
          idNumberEnc: await cipher.encrypt(id),
          idNumberHash: cipher.lookupHash(id),
          idNumberMasked: maskIdNumber(id),
          keyVersion: 1,
          gender: 'M',
          townshipId,
          villageId,
          supportMode: 'home',
          careLevel: 'partial',
          caregiverName: '照料人',
          caregiverMobileEnc: await cipher.encrypt(mobile),
          caregiverMobileMasked: maskMobile(mobile),
          agreementKind: 'four',
          agreementSignedOn: '2026-03-01',
          createdAt: now,
          updatedAt: now,
        })
        .returning()
    )[0];
  const rx = await recipient('张老汉', x.id, villages[0].id, testIdNumber('19400312', 351), '13812345678');
  const ry = await recipient('李奶奶', y.id, villages[2].id, testIdNumber('19380705', 462), '13987654321');
  return { x, y, villages, stationX, stationY, orgA, orgB, home, rx, ry, cipher };
}

export type RegistryFixture = Awaited<ReturnType<typeof registryFixture>>;

/** Logged-in browsers for every role of the matrix: admin, station X / Y, coordinator A / B, a volunteer. */
export async function roleBrowsers(t: TestApp, f: RegistryFixture): Promise<Record<RoleName, Browser>> {
  return {
    admin: (await loginAs(t, 'county_admin')).browser,
    stationX: (await loginAs(t, 'station_staff', { townshipId: f.x.id })).browser,
    stationY: (await loginAs(t, 'station_staff', { townshipId: f.y.id })).browser,
    coordA: (await loginAs(t, 'org_coordinator', { organisationId: f.orgA.id })).browser,
    coordB: (await loginAs(t, 'org_coordinator', { organisationId: f.orgB.id })).browser,
    volunteer: (await loginAs(t, 'volunteer')).browser,
  };
}

export type RoleName = 'admin' | 'stationX' | 'stationY' | 'coordA' | 'coordB' | 'volunteer';

/**
 * The route tests' setup: a fresh app on its own database, the registry fixture and a logged-in browser per role
 * (each test file's beforeEach takes it whole: `({ t, f, as } = await registryApp())`).
 */
export async function registryApp(): Promise<{ t: TestApp; f: RegistryFixture; as: Record<RoleName, Browser> }> {
  const t = await createTestApp();
  const f = await registryFixture(t);
  return { t, f, as: await roleBrowsers(t, f) };
}

/** A recipient's stored ID number columns for a test row: encrypted, hashed for lookup, masked for lists. */
export async function storedIdNumber(f: RegistryFixture, id: string) {
  return {
    idNumberEnc: await f.cipher.encrypt(id),
    idNumberHash: f.cipher.lookupHash(id),
    idNumberMasked: maskIdNumber(id),
    keyVersion: 1,
  };
}

/** Where a test recipient lives and how it is supported: its township and first village, and the home if institutional. */
export function placedIn(f: RegistryFixture, at: 'x' | 'y', mode: 'home' | 'institution') {
  return {
    townshipId: f[at].id,
    villageId: at === 'x' ? f.villages[0].id : f.villages[2].id,
    supportMode: mode,
    nursingHomeId: mode === 'institution' ? f.home.id : null,
  };
}
