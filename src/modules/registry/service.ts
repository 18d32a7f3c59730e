import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recipients, volunteers } from '../../db/schema/index.js';
import { businessDate } from '../../domain/dates.js';
import { auditInsert } from '../../lib/audit.js';
import type { Viewer } from '../../lib/context.js';
import type { MessageKey, Translate } from '../../lib/i18n/index.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { boundTownship } from '../../lib/scope.js';
import {
  type Column,
  mapColumns,
  readTable,
  rowValues,
  SpreadsheetError,
  writeCsv,
  writeXlsx,
} from '../../lib/spreadsheet/index.js';
import { ImportContext, type RowError } from './context.js';
import { ORGANISATION_COLUMNS, RECIPIENT_COLUMNS, type Register, VISIT_COLUMNS, VOLUNTEER_COLUMNS } from './formats.js';
import { exportOrganisations, parseOrganisationRow, planOrganisations } from './organisations-io.js';
import { scope } from './policy.js';
import { exportRecipients, type Plan, parseRecipientRow, planRecipients } from './recipients-io.js';
import { parseVisitRow, planVisits } from './visits-io.js';
import { exportVolunteers, parseVolunteerRow, planVolunteers } from './volunteers-io.js';

export interface ImportDeps {
  db: Db;
  cipher: PersonalDataCipher;
}

export type ImportOutcome =
  | { ok: true; created: number; updated: number; unchanged: number; applied: boolean }
  | { ok: false; fileError?: string; errors: RowError[] };

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

/**
 * Reads a spreadsheet and checks every row; with `apply`, writes it all in one batch. All or nothing: a file with
 * any bad row writes nothing and the result names every bad row. Importing the same file again changes nothing.
 */
export async function importRegister(
  deps: ImportDeps,
  viewer: Viewer,
  t: Translate,
  register: Register,
  file: { name: string; bytes: Uint8Array },
  opts: { apply: boolean; now: Date },
): Promise<ImportOutcome> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file.bytes, file.name);
  } catch (error) {
    if (error instanceof SpreadsheetError)
      return { ok: false, fileError: t(`registry.fileError.${error.reason}` as MessageKey), errors: [] };
    throw error;
  }
  const columns = COLUMNS[register];
  const map = mapColumns(table.headers, columns);
  if (map.missing.length)
    return {
      ok: false,
      fileError: t('registry.fileError.missingColumns', { columns: map.missing.map((c) => c.zh).join('、') }),
      errors: [],
    };

  const ctx = await ImportContext.load(deps.db, viewer, t, opts.now);
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const parsed: unknown[] = [];
  for (const { rowNumber, cells } of table.rows) {
    const v = rowValues(cells, map, columns) as Record<string, string>;
    const key = rowKey(register, v);
    const first = seen.get(key);
    if (key && first !== undefined) {
      errors.push({ row: rowNumber, column: columns[0].zh, reason: t('registry.error.duplicate', { row: first }) });
      continue;
    }
    seen.set(key, rowNumber);
    const row =
      register === 'visits'
        ? parseVisitRow(ctx, rowNumber, v as Parameters<typeof parseVisitRow>[2], errors, businessDate(opts.now))
        : register === 'recipients'
          ? parseRecipientRow(ctx, rowNumber, v as Parameters<typeof parseRecipientRow>[2], errors)
          : register === 'volunteers'
            ? parseVolunteerRow(ctx, rowNumber, v as Parameters<typeof parseVolunteerRow>[2], errors)
            : parseOrganisationRow(ctx, rowNumber, v as Parameters<typeof parseOrganisationRow>[2], errors);
    if (row) parsed.push(row);
  }
  if (errors.length) return { ok: false, errors };

  const plan: Plan =
    register === 'visits'
      ? await planVisits(deps.db, deps.cipher, ctx, parsed as Parameters<typeof planVisits>[3])
      : register === 'recipients'
        ? await planRecipients(deps.db, deps.cipher, ctx, parsed as Parameters<typeof planRecipients>[3])
        : register === 'volunteers'
          ? await planVolunteers(deps.db, deps.cipher, ctx, parsed as Parameters<typeof planVolunteers>[3])
          : await planOrganisations(
              deps.db,
              ctx,
              parsed as Parameters<typeof planOrganisations>[2],
              businessDate(opts.now),
            );
  if (plan.errors.length) return { ok: false, errors: plan.errors };

  if (opts.apply) {
    const statements = [...ctx.placeStatements(deps.db), ...plan.statements];
    const summary = {
      register,
      file: file.name,
      created: plan.created,
      updated: plan.updated,
      unchanged: plan.unchanged,
    };
    statements.push(
      auditInsert(deps.db, { actorUserId: viewer.id, action: 'import', entity: register, changes: summary }, opts.now),
    );
    await deps.db.batch(statements as unknown as Parameters<typeof deps.db.batch>[0]);
  }
  return { ok: true, created: plan.created, updated: plan.updated, unchanged: plan.unchanged, applied: opts.apply };
}

/** A register as CSV or xlsx in the import format, audited; recipients are masked unless `unmasked`. */
export async function exportRegister(
  deps: ImportDeps,
  viewer: Viewer,
  register: Register,
  format: 'csv' | 'xlsx',
  opts: { unmasked: boolean; now: Date; sheetName: string },
): Promise<Uint8Array> {
  // A visit log is imported only (the policy refuses its export).
  if (register === 'visits') throw new Error('visits are not exported');
  const station = boundTownship(scope(viewer));
  const rows =
    register === 'recipients'
      ? await exportRecipients(
          deps.db,
          deps.cipher,
          station === null ? undefined : eq(recipients.townshipId, station),
          opts.unmasked,
        )
      : register === 'volunteers'
        ? await exportVolunteers(
            deps.db,
            deps.cipher,
            station === null ? undefined : eq(volunteers.townshipId, station),
          )
        : await exportOrganisations(deps.db);
  await auditInsert(
    deps.db,
    {
      actorUserId: viewer.id,
      action: 'export',
      entity: register,
      changes: { format, rows: rows.length, unmasked: opts.unmasked },
    },
    opts.now,
  );
  const headers = COLUMNS[register].map((c) => c.zh);
  return format === 'csv' ? writeCsv(headers, rows) : writeXlsx(opts.sheetName, headers, rows);
}
