import { eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recipients, townships, villages } from '../../db/schema/index.js';
import { agreementEnd, agreementProblem } from '../../domain/agreement.js';
import { type IdNumberInfo, maskIdNumber, parseIdNumber } from '../../domain/id-number.js';
import { maskMobile, normaliseMobile } from '../../domain/mobile.js';
import type { MessageKey } from '../../lib/i18n/index.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { Cell } from '../../lib/spreadsheet/index.js';
import { agreementTerm } from '../recipients/agreements.js';
import { agreementMessage } from '../recipients/schema.js';
import type { IdRef } from './context.js';
import { RECIPIENT_COLUMNS, type RowOf } from './formats.js';
import type { Plan, PlanInput, RowInput } from './pipeline.js';
import { changesOf, emptyPlan, planCreates, planUpdate, rowFailer } from './plan.js';
import {
  AGREEMENT_LABELS,
  AGREEMENT_WORDS,
  CARE_LEVEL_LABELS,
  CARE_LEVEL_WORDS,
  choiceFrom,
  choiceFromWords,
  dateFrom,
  SUPPORT_MODE_LABELS,
  wordsOf,
} from './values.js';

type Row = RowOf<typeof RECIPIENT_COLUMNS>;

interface Parsed {
  row: number;
  name: string;
  id: IdNumberInfo;
  townshipRef: IdRef;
  townshipId: number | null;
  villageRef: IdRef | null;
  villageId: number | null;
  supportMode: 'home' | 'institution';
  careLevel: 'self' | 'partial' | 'full';
  nursingHomeId: number | null;
  caregiverName: string | null;
  caregiverMobile: string | null;
  agreementKind: 'three' | 'four' | null;
  agreementSignedOn: string | null;
  agreementEndsOn: string | null;
}

const ID_ERRORS: Record<string, MessageKey> = {
  length: 'recipients.error.idLength',
  format: 'recipients.error.idFormat',
  birth_date: 'recipients.error.idBirthDate',
  check_digit: 'recipients.error.idCheckDigit',
};

/** One row of a recipients file, checked like the form checks it; every problem is reported. */
export function parseRecipientRow({ ctx, row: rowNumber, values: v, errors }: RowInput<Row>): Parsed | null {
  const t = ctx.t;
  const before = errors.length;
  const fail = rowFailer(RECIPIENT_COLUMNS, rowNumber, errors);
  const choices = (labels: Record<string, string>) => Object.values(labels).join(' / ');
  if (!v.name) fail('name', t('form.required'));
  else if (v.name.length > 50) fail('name', t('form.tooLong', { max: 50 }));
  const id = parseIdNumber(v.id_number);
  if (!v.id_number) fail('id_number', t('form.required'));
  else if (!id.ok) fail('id_number', t(ID_ERRORS[id.error]));
  const township = v.township ? ctx.township(v.township) : null;
  if (!v.township) fail('township', t('form.required'));
  else if (township && 'error' in township) fail('township', township.error);
  let village: { ref: IdRef; id: number | null } | null = null;
  if (v.village && township && !('error' in township)) {
    const found = ctx.village(v.township, township.id, v.village);
    if ('error' in found) fail('village', found.error);
    else village = found;
  }
  const supportMode = choiceFrom(v.support_mode, SUPPORT_MODE_LABELS);
  if (!supportMode)
    fail('support_mode', t('registry.error.choice', { value: v.support_mode, choices: choices(SUPPORT_MODE_LABELS) }));
  const careLevel = choiceFromWords(v.care_level, CARE_LEVEL_WORDS);
  if (!careLevel)
    fail('care_level', t('registry.error.choice', { value: v.care_level, choices: wordsOf(CARE_LEVEL_WORDS) }));
  let nursingHomeId: number | null = null;
  if (v.nursing_home) {
    const home = ctx.organisations.get(`nursing_home|${v.nursing_home}`);
    if (!home) fail('nursing_home', t('registry.error.unknownNursingHome', { name: v.nursing_home }));
    else nursingHomeId = home.id;
  } else if (supportMode === 'institution') fail('nursing_home', t('recipients.error.nursingHome'));
  const caregiverMobile = v.caregiver_mobile ? normaliseMobile(v.caregiver_mobile) : null;
  if (v.caregiver_mobile && !caregiverMobile) fail('caregiver_mobile', t('recipients.error.mobile'));
  const agreementKind = v.agreement ? (choiceFromWords(v.agreement, AGREEMENT_WORDS) ?? null) : null;
  if (v.agreement && !agreementKind)
    fail('agreement', t('registry.error.choice', { value: v.agreement, choices: wordsOf(AGREEMENT_WORDS) }));
  const signedOn = v.agreement_signed_on ? (dateFrom(v.agreement_signed_on) ?? null) : null;
  if (v.agreement_signed_on && !signedOn)
    fail('agreement_signed_on', t('registry.error.date', { value: v.agreement_signed_on }));
  const endsOn = v.agreement_ends_on ? (dateFrom(v.agreement_ends_on) ?? null) : null;
  if (v.agreement_ends_on && !endsOn)
    fail('agreement_ends_on', t('registry.error.date', { value: v.agreement_ends_on }));
  // The form's rule: 集中供养 signs 三方, 分散供养 四方; an end date after the signing date.
  const agreement = { agreementKind, agreementSignedOn: signedOn, agreementEndsOn: endsOn };
  const problem = supportMode ? agreementProblem({ supportMode, ...agreement }) : null;
  if (supportMode && problem) {
    const { field, message } = agreementMessage(problem, supportMode);
    fail(field === 'agreementKind' ? 'agreement' : 'agreement_ends_on', t(message as MessageKey));
  }
  if (errors.length > before || !id.ok || !township || 'error' in township || !supportMode || !careLevel) return null;
  return {
    row: rowNumber,
    name: v.name,
    id: id.info,
    townshipRef: township.ref,
    townshipId: township.id,
    villageRef: village?.ref ?? null,
    villageId: village?.id ?? null,
    supportMode,
    careLevel,
    nursingHomeId: supportMode === 'institution' ? nursingHomeId : null,
    caregiverName: v.caregiver_name || null,
    caregiverMobile,
    ...agreement,
  };
}

/** What an export reads: the rows `where` chooses (a station's township, or all). */
export interface RegisterExport {
  db: Db;
  cipher: PersonalDataCipher;
  where: SQL | undefined;
  unmasked: boolean;
}

/** Compares parsed rows with the register (matched by the ID number's keyed hash) and builds the writes. */
export async function planRecipients({ db, cipher, ctx, rows }: PlanInput<Parsed>): Promise<Plan> {
  const [all, term] = await Promise.all([db.select().from(recipients), agreementTerm(db)]);
  const existing = new Map(all.map((r) => [r.idNumberHash, r]));
  const now = ctx.now;
  const plan = emptyPlan();
  const creates: (typeof recipients.$inferInsert)[] = [];
  const createdHashes: string[] = [];
  for (const p of rows) {
    const hash = cipher.lookupHash(p.id.value);
    const current = existing.get(hash);
    const columns = {
      name: p.name,
      townshipId: p.townshipRef,
      villageId: p.villageRef,
      supportMode: p.supportMode,
      careLevel: p.careLevel,
      nursingHomeId: p.nursingHomeId,
      caregiverName: p.caregiverName,
      agreementKind: p.agreementKind,
      agreementSignedOn: p.agreementSignedOn,
      // Without an end date in the row: the stored one while the signing date stays (a sheet without the column
      // changes nothing), else the county's default term from the new signing date (as on the form).
      agreementEndsOn:
        p.agreementEndsOn ??
        (current && current.agreementSignedOn === p.agreementSignedOn
          ? current.agreementEndsOn
          : agreementEnd(p.agreementSignedOn, null, term)),
    };
    const [mobileEnc, idEnc] = await Promise.all([
      p.caregiverMobile ? cipher.encrypt(p.caregiverMobile) : null,
      current ? null : cipher.encrypt(p.id.value),
    ]);
    const mobile = {
      caregiverMobileEnc: mobileEnc,
      caregiverMobileMasked: p.caregiverMobile ? maskMobile(p.caregiverMobile) : null,
    };
    if (!current) {
      plan.created++;
      createdHashes.push(hash);
      creates.push({
        ...columns,
        ...mobile,
        idNumberEnc: idEnc!,
        idNumberHash: hash,
        idNumberMasked: maskIdNumber(p.id.value),
        keyVersion: cipher.keyVersion,
        gender: p.id.gender,
        createdAt: now,
        updatedAt: now,
      } as typeof recipients.$inferInsert);
      continue;
    }
    // A station may not reach, or move, someone registered in another township.
    if (!ctx.isAdmin && current.townshipId !== ctx.viewer.townshipId) {
      rowFailer(RECIPIENT_COLUMNS, p.row, plan.errors)('id_number', ctx.t('registry.error.otherTownship'));
      continue;
    }
    const currentMobile = current.caregiverMobileEnc ? await cipher.decrypt(current.caregiverMobileEnc) : null;
    const changed = changesOf(current, columns);
    if (currentMobile !== p.caregiverMobile)
      changed.caregiverMobile = { from: current.caregiverMobileMasked, to: mobile.caregiverMobileMasked };
    const set = { ...columns, ...(changed.caregiverMobile ? mobile : {}), updatedAt: now };
    planUpdate({ db, ctx, plan, entity: 'recipient', table: recipients, id: current.id, changed, set });
  }
  // New people, each with its audit row selected back by the keyed hash.
  const by = { column: recipients.idNumberHash, keys: createdHashes };
  planCreates({ db, ctx, plan, entity: 'recipient', table: recipients, rows: creates, by });
  return plan;
}

/** The register as rows of the import format; ID numbers and mobiles in clear only when `unmasked`. */
export async function exportRecipients({ db, cipher, where, unmasked }: RegisterExport): Promise<Cell[][]> {
  const home = sql<string | null>`(SELECT name FROM organisations o WHERE o.id = ${recipients.nursingHomeId})`;
  const rows = await db
    .select({ r: recipients, township: townships.name, village: villages.name, home })
    .from(recipients)
    .innerJoin(townships, eq(townships.id, recipients.townshipId))
    .leftJoin(villages, eq(villages.id, recipients.villageId))
    .where(where)
    .orderBy(recipients.id);
  const out: Cell[][] = [];
  for (const { r, township, village, home: homeName } of rows) {
    out.push([
      r.name,
      unmasked ? await cipher.decrypt(r.idNumberEnc) : r.idNumberMasked,
      township,
      village,
      SUPPORT_MODE_LABELS[r.supportMode],
      CARE_LEVEL_LABELS[r.careLevel],
      homeName,
      r.caregiverName,
      r.caregiverMobileEnc ? (unmasked ? await cipher.decrypt(r.caregiverMobileEnc) : r.caregiverMobileMasked) : null,
      r.agreementKind ? AGREEMENT_LABELS[r.agreementKind] : null,
      r.agreementSignedOn,
      r.agreementEndsOn,
    ]);
  }
  return out;
}
