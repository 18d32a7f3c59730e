import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from '../../lib/cli.js';
import type { Viewer } from '../../lib/context.js';
import { type Translate, translator } from '../../lib/i18n/index.js';
import { cipherFor } from '../../lib/personal-data.js';
import type { RowError } from './context.js';
import { REGISTERS, type Register } from './formats.js';
import { exportRegister, importRegister } from './service.js';

/** The shell acts as the county administrator (audit rows record actor 0: the command line). */
export const SHELL: Viewer = {
  id: 0,
  username: 'cli',
  displayName: 'command line',
  role: 'county_admin',
  townshipId: null,
  organisationId: null,
  locale: 'zh',
};

function registerArg(value: string | undefined): Register {
  if (!REGISTERS.includes(value as Register)) throw new Error(`register must be one of: ${REGISTERS.join(', ')}`);
  return value as Register;
}

/** A refused import on stderr, as the page lists it: the file's problem, or every bad row by row and column. */
export function printErrors(t: Translate, outcome: { fileError?: string; errors: RowError[] }) {
  if (outcome.fileError) console.error(outcome.fileError);
  else console.error(t('registry.rowErrors', { count: outcome.errors.length }));
  for (const e of outcome.errors)
    console.error(t('registry.rowError', { row: e.row, column: e.column, reason: e.reason }));
}

/** `import <register> <file>`: all or nothing; the summary on stdout, every row error on stderr. */
export const importCommand: Command = async ({ database, config, args, out }) => {
  const register = registerArg(args[0]);
  if (!args[1]) throw new Error('import needs a file');
  const bytes = new Uint8Array(await readFile(args[1]));
  const t = translator('zh');
  const deps = { db: database.db, cipher: cipherFor(config) };
  const file = { name: args[1], bytes };
  const outcome = await importRegister({ ...deps, viewer: SHELL, t, register, file, apply: true, now: new Date() });
  if (!outcome.ok) {
    printErrors(t, outcome);
    return 1;
  }
  out(JSON.stringify({ register, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged }));
  return 0;
};

/** `export <register> <file.csv|file.xlsx>`: unmasked, as the county administrator; audited. */
export const exportCommand: Command = async ({ database, config, args, out }) => {
  const register = registerArg(args[0]);
  const file = args[1];
  const format = file?.endsWith('.xlsx') ? 'xlsx' : file?.endsWith('.csv') ? 'csv' : null;
  if (!file || !format) throw new Error('export needs a file ending in .csv or .xlsx');
  const deps = { db: database.db, cipher: cipherFor(config) };
  const bytes = await exportRegister({
    ...deps,
    viewer: SHELL,
    register,
    format,
    unmasked: true,
    now: new Date(),
    sheetName: translator('zh')(`registry.register.${register}`),
  });
  await writeFile(file, bytes);
  out(JSON.stringify({ register, file, bytes: bytes.length }));
  return 0;
};
