import type { CareLevel } from '../db/schema/index.js';
import { type AdlItems, careLevelFromItems } from '../domain/care-level.js';
import { idCheckChar } from '../domain/id-number.js';
import { GIVEN, ORG_SUFFIX, ORG_WORDS, SURNAMES, VILLAGE_WORDS } from './names.js';

/** Sizes of a demo county; `county()` gives Xiangtan's figures from the seed article. */
export interface DemoSize {
  townships: number;
  /** Villages, communities and residents' committees in all, spread over the townships. */
  villages: number;
  socialOrgs: number;
  nursingHomes: number;
  volunteers: number;
  homeRecipients: number;
  institutionRecipients: number;
}

export function countySize(scale = 1): DemoSize {
  return {
    townships: 17,
    villages: 351, // 320 villages, 26 communities, 5 residents' committees
    socialOrgs: Math.round(46 * scale),
    nursingHomes: 22,
    volunteers: Math.round(2000 * scale),
    homeRecipients: Math.round(5201 * scale),
    institutionRecipients: Math.round(1040 * scale),
  };
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same county. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

export function personName(r: Rng): string {
  return r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : '');
}

/** A well-formed (fictional) ID number of a person born in the range, area code of Xiangtan County. */
export function demoIdNumber(r: Rng, fromYear: number, toYear: number, gender: 'M' | 'F', area = '430321'): string {
  const y = r.int(fromYear, toYear);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  let seq = r.int(1, 499) * 2; // even
  if (gender === 'M') seq -= 1; // odd for men
  const first17 = `${area}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export function demoMobile(r: Rng, serial: number): string {
  const prefix = r.pick(['138', '139', '150', '151', '158', '173', '180', '186', '187', '199']);
  return prefix + String(serial % 100_000_000).padStart(8, '0');
}

/** How many villages each township has: as even as the total allows. */
export function villagesPerTownship(size: DemoSize): number[] {
  const base = Math.floor(size.villages / size.townships);
  const extra = size.villages % size.townships;
  return Array.from({ length: size.townships }, (_, t) => base + (t < extra ? 1 : 0));
}

export interface DemoVillage {
  township: number;
  name: string;
  kind: 'village' | 'community' | 'residents_committee';
  lat: number;
  lng: number;
}

export function demoVillages(r: Rng, size: DemoSize): DemoVillage[] {
  const out: DemoVillage[] = [];
  const counts = villagesPerTownship(size);
  for (let t = 0; t < size.townships; t++) {
    const used = new Set<string>();
    // Townships spread around Xiangtan (27.78 N, 112.95 E); villages within ~8 km of their township.
    const tLat = 27.55 + (t % 5) * 0.08;
    const tLng = 112.6 + Math.floor(t / 5) * 0.1;
    for (let v = 0; v < counts[t]; v++) {
      // 26 communities and 5 residents' committees in a county of 17 townships, scaled.
      const kind =
        v < 2 && t < 9 ? 'community' : v === 0 ? 'community' : v === 2 && t < 5 ? 'residents_committee' : 'village';
      let base = r.pick(VILLAGE_WORDS);
      while (used.has(base)) base = r.pick(VILLAGE_WORDS) + r.pick(VILLAGE_WORDS).slice(0, 1);
      used.add(base);
      const suffix = kind === 'village' ? '村' : kind === 'community' ? '社区' : '居委会';
      out.push({
        township: t,
        name: base + suffix,
        kind,
        lat: tLat + (r.next() - 0.5) * 0.12,
        lng: tLng + (r.next() - 0.5) * 0.12,
      });
    }
  }
  return out;
}

export interface DemoOrganisation {
  name: string;
  kind: 'social_org' | 'station' | 'nursing_home';
  township: number | null;
  regional: boolean;
  beds: number | null;
  incubationStage: 'applied' | 'incubating' | 'graduated' | 'withdrawn' | null;
  incubationYear: number | null;
  contactName: string;
  contactPhone: string;
}

export function demoOrganisations(r: Rng, size: DemoSize, townships: readonly string[]): DemoOrganisation[] {
  const out: DemoOrganisation[] = [];
  for (let i = 0; i < size.socialOrgs; i++) {
    const word = ORG_WORDS[i % ORG_WORDS.length];
    const round = Math.floor(i / ORG_WORDS.length);
    const suffix = ORG_SUFFIX[round % ORG_SUFFIX.length];
    const name = `湘潭县${word}${suffix}${round >= ORG_SUFFIX.length ? Math.floor(round / ORG_SUFFIX.length) + 1 : ''}`;
    const year = 2019 + (i % 7);
    const stage = year >= 2026 ? 'applied' : year >= 2024 ? 'incubating' : r.chance(0.9) ? 'graduated' : 'withdrawn';
    out.push({
      name,
      kind: 'social_org',
      township: r.int(0, size.townships - 1),
      regional: false,
      beds: null,
      incubationStage: stage,
      incubationYear: year,
      contactName: personName(r),
      contactPhone: demoMobile(r, 10_000 + i),
    });
  }
  for (let t = 0; t < size.townships; t++) {
    out.push({
      name: `${townships[t]}社工站`,
      kind: 'station',
      township: t,
      regional: false,
      beds: null,
      incubationStage: null,
      incubationYear: null,
      contactName: personName(r),
      contactPhone: demoMobile(r, 20_000 + t),
    });
  }
  for (let i = 0; i < size.nursingHomes; i++) {
    const t = i % size.townships;
    const regional = i < 10;
    out.push({
      name: `${townships[t]}${regional ? '区域性' : ''}敬老院${i >= size.townships ? i - size.townships + 2 : ''}`,
      kind: 'nursing_home',
      township: t,
      regional,
      beds: regional ? r.int(80, 160) : r.int(30, 70),
      incubationStage: null,
      incubationYear: null,
      contactName: personName(r),
      contactPhone: demoMobile(r, 30_000 + i),
    });
  }
  return out;
}

export const SKILLS = ['visiting', 'cleaning', 'escort', 'counselling', 'meals', 'medical', 'social_worker'] as const;

export interface DemoVolunteer {
  name: string;
  mobile: string;
  township: number;
  organisations: number[]; // indexes into the social organisations and stations
  skills: string[];
  partyMember: boolean;
}

export function demoVolunteer(r: Rng, i: number, size: DemoSize): DemoVolunteer {
  const township = i % size.townships;
  const skills = SKILLS.filter((s) => r.chance(s === 'visiting' ? 0.8 : s === 'medical' ? 0.05 : 0.2));
  const orgs = [size.socialOrgs + township]; // the township's station
  if (r.chance(0.6)) orgs.push(r.int(0, size.socialOrgs - 1));
  return {
    name: personName(r),
    mobile: demoMobile(r, 1_000_000 + i),
    township,
    organisations: orgs,
    skills,
    partyMember: r.chance(0.3),
  };
}

export interface DemoRecipient {
  name: string;
  idNumber: string;
  gender: 'M' | 'F';
  township: number;
  village: number; // index within the township
  supportMode: 'home' | 'institution';
  nursingHome: number | null;
  items: AdlItems;
  careLevel: CareLevel;
  caregiverName: string | null;
  caregiverMobile: string | null;
  agreementKind: 'three' | 'four' | null;
  agreementSignedOn: string | null;
}

export function demoRecipient(r: Rng, i: number, size: DemoSize): DemoRecipient {
  const home = i < size.homeRecipients;
  const gender = r.chance(0.62) ? 'M' : 'F';
  const township = r.int(0, size.townships - 1);
  // Roughly 70 % self-caring, 20 % partly and 10 % fully disabled; more disability in nursing homes.
  const p = r.next();
  const unable = home
    ? p < 0.7
      ? 0
      : p < 0.9
        ? r.int(1, 3)
        : r.int(4, 6)
    : p < 0.4
      ? 0
      : p < 0.7
        ? r.int(1, 3)
        : r.int(4, 6);
  const order = [0, 1, 2, 3, 4, 5].sort(() => r.next() - 0.5).slice(0, unable);
  const items: AdlItems = {
    eating: order.includes(0),
    dressing: order.includes(1),
    bedTransfer: order.includes(2),
    toileting: order.includes(3),
    walking: order.includes(4),
    bathing: order.includes(5),
  };
  const signed = !r.chance(0.02);
  return {
    name: personName(r),
    idNumber: demoIdNumber(r, 1932, 1975, gender),
    gender,
    township,
    village: r.int(0, villagesPerTownship(size)[township] - 1),
    supportMode: home ? 'home' : 'institution',
    nursingHome: home ? null : r.int(0, size.nursingHomes - 1),
    items,
    careLevel: careLevelFromItems(items),
    caregiverName: home ? personName(r) : null,
    caregiverMobile: home ? demoMobile(r, 5_000_000 + i) : null,
    agreementKind: signed ? (home ? 'four' : 'three') : null,
    agreementSignedOn: signed
      ? `20${r.int(22, 26)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`
      : null,
  };
}
