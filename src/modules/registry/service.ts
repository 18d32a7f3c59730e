import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recipients, volunteers } from '../../db/schema/index.js';
import { businessDate } from '../../domain/dates.js';
import { auditInsert } from '../../lib/audit.js';
import type { Viewer } from '../../lib/context.js';
import type { Translate } from '../../lib/i18n/index.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { boundTownship } from '../../lib/scope.js';
import { type Column, writeCsv, writeXlsx } from '../../lib/spreadsheet/index.js';
import { ORGANISATION_COLUMNS, RECIPIENT_COLUMNS, type Register, VISIT_COLUMNS, VOLUNTEER_COLUMNS } from './formats.js';
import { exportOrganisations, parseOrganisationRow, planOrganisations } from './organisations-io.js';
import { type Importer, type ImportOutcome, runImport } from './pipeline.js';
import { scope } from './policy.js';
import { exportRecipients, parseRecipientRow, planRecipients } from './recipients-io.js';
import { parseVisitRow, planVisits } from './visits-io.js';
import { exportVolunteers, parseVolunteerRow, planVolunteers } from './volunteers-io.js';

export interface ImportDeps {
  db: Db;
  cipher: PersonalDataCipher;
}

export type { ImportOutcome } from './pipeline.js';

export const COLUMNS: Record<Register, readonly Column[]> = {
  organisations: ORGANISATION_COLUMNS,
  volunteers: VOLUNTEER_COLUMNS,
  recipients: RECIPIENT_COLUMNS,
  visits: VISIT_COLUMNS,
};

/** The key two rows of a file must not share (the same person or organisation twice). */
function rowKey(register: Register, v: Record<string, string>): string {
  if (register === 'recipients') return v.id_number.toUpperCase();
  if (register === 'volunteers') return v.mobile.replace(/\D/g, '').slice(-11);
  // Raw cells: the same day written two ways is caught again once the dates are read (visits-io).
  if (register === 'visits') return `${v.date}|${v.id_number.toUpperCase()}|${v.unit}`;
  return `${v.kind}|${v.name}`;
}

/** A register as the pipeline's importer: its columns, its duplicate key, its row check and its plan. */
export function registerImporter(register: Register, now: Date): Importer<unknown> {
  const common = {
    entity: register,
    columns: COLUMNS[register],
    key: (v: Record<string, string>) => rowKey(register, v),
  };
  const today = businessDate(now);
  if (register === 'visits')
    return {
      ...common,
      parse: (input) => parseVisitRow({ ...(input as Parameters<typeof parseVisitRow>[0]), today }),
      plan: planVisits,
    } as Importer<unknown>;
  if (register === 'recipients')
    return { ...common, parse: parseRecipientRow, plan: planRecipients } as Importer<unknown>;
  if (register === 'volunteers')
    return { ...common, parse: parseVolunteerRow, plan: planVolunteers } as Importer<unknown>;
  return {
    ...common,
    parse: parseOrganisationRow,
    plan: (input) => planOrganisations({ ...(input as Parameters<typeof planOrganisations>[0]), today }),
  } as Importer<unknown>;
}

export interface RegisterImport extends ImportDeps {
  viewer: Viewer;
  t: Translate;
  register: Register;
  file: { name: string; bytes: Uint8Array };
  apply: boolean;
  now: Date;
}

/**
 * Reads a register's spreadsheet and checks every row; with `apply`, writes it all in one batch (the pipeline's
 * `runImport`). All or nothing; importing the same file again changes nothing.
 */
export function importRegister({ register, ...run }: RegisterImport): Promise<ImportOutcome> {
  return runImport({ ...run, importer: registerImporter(register, run.now) });
}

export interface RegisterExportRun extends ImportDeps {
  viewer: Viewer;
  register: Register;
  format: 'csv' | 'xlsx';
  unmasked: boolean;
  now: Date;
  sheetName: string;
}

/** A register as CSV or xlsx in the import format, audited; recipients are masked unless `unmasked`. */
export async function exportRegister(run: RegisterExportRun): Promise<Uint8Array> {
  const { db, cipher, viewer, register, format, unmasked, now } = run;
  // A visit log is imported only (the policy refuses its export).
  if (register === 'visits') throw new Error('visits are not exported');
  const station = boundTownship(scope(viewer));
  const rows =
    register === 'recipients'
      ? await exportRecipients({
          db,
          cipher,
          where: station === null ? undefined : eq(recipients.townshipId, station),
          unmasked,
        })
      : register === 'volunteers'
        ? await exportVolunteers({
            db,
            cipher,
            where: station === null ? undefined : eq(volunteers.townshipId, station),
          })
        : await exportOrganisations(db);
  await auditInsert(
    db,
    { actorUserId: viewer.id, action: 'export', entity: register, changes: { format, rows: rows.length, unmasked } },
    now,
  );
  const headers = COLUMNS[register].map((c) => c.zh);
  return format === 'csv' ? writeCsv(headers, rows) : writeXlsx(run.sheetName, headers, rows);
}
