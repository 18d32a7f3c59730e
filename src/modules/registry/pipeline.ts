import type { Db } from '../../db/client.js';
import { auditInsert } from '../../lib/audit.js';
import type { Viewer } from '../../lib/context.js';
import type { MessageKey, Translate } from '../../lib/i18n/index.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { type Column, mapColumns, readTable, rowValues, SpreadsheetError } from '../../lib/spreadsheet/index.js';
import { ImportContext, type RowError } from './context.js';
import { discardUpload, dropUpload, keepUpload, takeUpload } from './uploads.js';

/** What an import would write (or wrote): the counts, its statements, and the rows it refuses. */
export interface Plan<F = undefined> {
  created: number;
  updated: number;
  unchanged: number;
  statements: unknown[];
  errors: RowError[];
  /** Figures of the import's own kind, shown on the preview (the activities' lines and totals by source). */
  figures?: F;
}

/**
 * One kind of spreadsheet the pipeline imports: its columns, how one row reads, and what the rows would write.
 * The pipeline does the rest the same way for every kind: the file, the headers, the errors, the batch, the audit.
 */
export interface Importer<P, F = undefined> {
  /** The audit row's entity and the kept upload's label. */
  entity: string;
  columns: readonly Column[];
  /** The key two rows must not share (the same person twice); none where rows repeat on purpose. */
  key?: (v: Record<string, string>) => string;
  parse(input: RowInput): P | null;
  /** `apply` false: a preview, whose statements are never run (a plan may leave out what only a write needs). */
  plan(input: PlanInput<P>): Promise<Plan<F>>;
}

/** One row of a sheet as an importer checks it: its problems go to `errors`, each naming its row and column. */
export interface RowInput<V = Record<string, string>> {
  ctx: ImportContext;
  row: number;
  values: V;
  errors: RowError[];
}

export interface PlanInput<P> {
  db: Db;
  cipher: PersonalDataCipher;
  ctx: ImportContext;
  rows: P[];
  apply: boolean;
}

export type ImportOutcome<F = unknown> =
  | { ok: true; created: number; updated: number; unchanged: number; applied: boolean; figures?: F }
  | { ok: false; fileError?: string; errors: RowError[] };

export interface ImportRun<P, F> {
  db: Db;
  cipher: PersonalDataCipher;
  now: Date;
  viewer: Viewer;
  t: Translate;
  importer: Importer<P, F>;
  file: { name: string; bytes: Uint8Array };
  apply: boolean;
}

/**
 * Reads a spreadsheet and checks every row; with `apply`, writes it all in one batch with its audit row. All or
 * nothing: a file with any bad row writes nothing and the result names every bad row by row and column.
 */
export async function runImport<P, F>(run: ImportRun<P, F>): Promise<ImportOutcome<F>> {
  const { db, t, importer, file } = run;
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file.bytes, file.name);
  } catch (error) {
    if (error instanceof SpreadsheetError)
      return { ok: false, fileError: t(`registry.fileError.${error.reason}` as MessageKey), errors: [] };
    throw error;
  }
  const columns = importer.columns;
  const map = mapColumns(table.headers, columns);
  if (map.missing.length)
    return {
      ok: false,
      fileError: t('registry.fileError.missingColumns', { columns: map.missing.map((c) => c.zh).join('、') }),
      errors: [],
    };

  const ctx = await ImportContext.load(db, run.viewer, t, run.now);
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const parsed: P[] = [];
  for (const { rowNumber, cells } of table.rows) {
    const v = rowValues(cells, map, columns) as Record<string, string>;
    const key = importer.key?.(v);
    const first = key ? seen.get(key) : undefined;
    if (key && first !== undefined) {
      errors.push({ row: rowNumber, column: columns[0].zh, reason: t('registry.error.duplicate', { row: first }) });
      continue;
    }
    if (key) seen.set(key, rowNumber);
    const row = importer.parse({ ctx, row: rowNumber, values: v, errors });
    if (row) parsed.push(row);
  }
  if (errors.length) return { ok: false, errors: byRow(errors) };

  const plan = await importer.plan({ db, cipher: run.cipher, ctx, rows: parsed, apply: run.apply });
  if (plan.errors.length) return { ok: false, errors: byRow(plan.errors) };
  const { created, updated, unchanged, figures } = plan;
  if (run.apply) {
    const summary = { register: importer.entity, file: file.name, created, updated, unchanged };
    const audit = auditInsert(
      db,
      { actorUserId: run.viewer.id, action: 'import', entity: importer.entity, changes: summary },
      run.now,
    );
    await db.batch([...ctx.placeStatements(db), ...plan.statements, audit] as unknown as Parameters<Db['batch']>[0]);
  }
  return { ok: true, created, updated, unchanged, applied: run.apply, figures };
}

/** Errors in file order (a plan finds some later than the rows' own checks); the sort is stable within a row. */
const byRow = (errors: RowError[]) => [...errors].sort((a, b) => a.row - b.row);

type Upload<P, F> = Omit<ImportRun<P, F>, 'apply'>;

/** Step 1: check the file and, when it is good, keep it (encrypted) for the confirmation; nothing else is written. */
export async function previewUpload<P, F>(run: Upload<P, F>): Promise<{ outcome: ImportOutcome<F>; token?: string }> {
  const outcome = await runImport({ ...run, apply: false });
  if (!outcome.ok) return { outcome };
  const owner = { db: run.db, userId: run.viewer.id, register: run.importer.entity };
  const token = await keepUpload({ ...owner, cipher: run.cipher, file: run.file, now: run.now });
  return { outcome, token };
}

/**
 * Step 2: apply the uploader's kept file, checked again (the register may have changed since the preview).
 * Applied or refused, the kept file is done with: it never stays behind in the database. Null: no such upload.
 */
export async function confirmUpload<P, F>(
  run: Omit<Upload<P, F>, 'file'> & { token: string },
): Promise<{ outcome: ImportOutcome<F>; fileName: string } | null> {
  const { db, cipher, token, viewer, importer } = run;
  const owner = { db, userId: viewer.id, register: importer.entity };
  const file = token ? await takeUpload({ ...owner, cipher, token, now: run.now }) : null;
  if (!file) return null;
  const outcome = await runImport({ ...run, file, apply: true });
  await dropUpload(db, token);
  return { outcome, fileName: file.name };
}

/** The uploader rejects the preview: the kept file is deleted at once rather than left for the sweep. */
export async function discardPreview(run: { db: Db; token: string; viewer: Viewer; entity: string }) {
  if (run.token) await discardUpload({ db: run.db, token: run.token, userId: run.viewer.id, register: run.entity });
}

/** The counts of a good outcome, for the log line. */
export const counts = (o: { created: number; updated: number; unchanged: number }) => ({
  created: o.created,
  updated: o.updated,
  unchanged: o.unchanged,
});
