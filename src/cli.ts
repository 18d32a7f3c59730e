import { parseArgs } from 'node:util';
import { argon2Hasher } from './auth/password.js';
import { hasAdministrator } from './auth/service.js';
import { migrateDatabase, openDatabase } from './db/client.js';
import { type Config, loadConfig } from './env.js';
import { NODE_JOBS } from './jobs/backup.js';
import { findJob, JOBS } from './jobs/registry.js';
import { type CliContext, type Command, instantArg } from './lib/cli.js';
import { parseForm } from './lib/form.js';
import { translator } from './lib/i18n/index.js';
import { holdsEncryptedData, resolveNodeKeys } from './lib/key-file.js';
import { createLogger } from './lib/logger.js';
import { cipherFor } from './lib/personal-data.js';
import { importActivitiesCommand, reportAnnualCommand } from './modules/ledger/cli.js';
import { nodeSenders } from './modules/notices/smtp.js';
import { planExportCommand, planSolveCommand } from './modules/plans/cli.js';
import { coverageCommand } from './modules/plans/coverage-cli.js';
import { exportCommand, importCommand } from './modules/registry/cli.js';
import { serviceDaysListCommand } from './modules/shifts/cli.js';
import { newUserForm } from './modules/users/schema.js';
import { createUser } from './modules/users/service.js';
import { backupTo, restoreFrom } from './ops/backup.js';
import { clearMobilesPending, encryptClearMobiles } from './ops/clear-mobiles.js';
import { keysRotate } from './ops/keys-command.js';

export type { CliContext } from './lib/cli.js';

class UsageError extends Error {}

/** `--now` as an instant, or a usage error naming the option. */
function nowArg(value: string | undefined): Date {
  const now = instantArg(value);
  if (!now) throw new UsageError('--now must be an ISO-8601 instant');
  return now;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const userCreate: Command = async ({ database, args, stdin, out }) => {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      township: { type: 'string' },
      organisation: { type: 'string' },
    },
  });
  const password = (await stdin()).replace(/\r?\n$/, '');
  const form = parseForm(
    newUserForm,
    {
      role: values.role ?? '',
      username: values.username ?? '',
      displayName: values.name ?? values.username ?? '',
      password,
      townshipId: values.township ?? '',
      organisationId: values.organisation ?? '',
    },
    translator('zh'),
  );
  if (!form.ok) {
    for (const [field, message] of Object.entries(form.errors)) console.error(`${field}: ${message}`);
    return 1;
  }
  const result = await createUser({ db: database.db, passwords: argon2Hasher }, form.data, new Date());
  if (!result.ok) {
    console.error(`username: ${translator('zh')('username.taken')}`);
    return 1;
  }
  out(JSON.stringify({ id: result.id, username: form.data.username, role: form.data.role }));
  return 0;
};

const seed: Command = async ({ database, config, args, out }) => {
  const { values } = parseArgs({
    args,
    options: {
      demo: { type: 'boolean' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
      months: { type: 'string' },
    },
  });
  if (!values.demo) throw new UsageError('seed needs --demo');
  const months = values.months === undefined ? undefined : Number(values.months);
  if (months !== undefined && !(Number.isInteger(months) && months >= 1 && months <= 24))
    throw new UsageError('--months must be a whole number of months from 1 to 24');
  const scale = values.scale ? Number(values.scale) : 1;
  if (!(scale > 0 && scale <= 200)) throw new UsageError('--scale must be a number between 0 and 200');
  const seedValue = values.seed === undefined ? undefined : Number(values.seed);
  if (seedValue !== undefined && !Number.isSafeInteger(seedValue)) throw new UsageError('--seed must be an integer');
  const now = nowArg(values.now);
  const hadAdministrator = await hasAdministrator(database.db);
  // Tens of thousands of small writes, each its own commit: under synchronous=FULL every commit waits for an fsync
  // (≈ 7 ms here, decision 0155). WAL with NORMAL survives a crash of the process; only a power cut could lose the
  // last commits of a demo, which is then seeded again. The command runs on one connection, so this holds throughout.
  if (database.isFile) await database.client.execute('PRAGMA synchronous = NORMAL');
  const logger = createLogger(config.logLevel);
  // Loaded on demand: the history pulls in most services, which no other command should pay for at start-up.
  const { seedLivingCounty } = await import('./demo/county.js');
  const { demoReport } = await import('./demo/output.js');
  const result = await seedLivingCounty(
    { db: database.db, cipher: cipherFor(config), passwords: argon2Hasher, config, logger, now },
    { scale, seed: seedValue, months },
  );
  if ('skipped' in result) {
    console.error('The registry is not empty: the demo county was not seeded (nothing was changed).');
    return 1;
  }
  for (const line of demoReport(result)) out(line);
  // /setup stays open until a county administrator exists, even now that the demo's logins do.
  if (!hadAdministrator)
    console.error(
      'No county administrator yet: open the /setup link that `npm start` prints (it stays open until one exists),\n' +
        'or create one here with\n' +
        '  npm run --silent cli -- user create --role county_admin --username admin   (password on stdin)',
    );
  return 0;
};

const jobsRun: Command = async ({ database, config, args, out }) => {
  const { values, positionals } = parseArgs({ args, options: { now: { type: 'string' } }, allowPositionals: true });
  const job = findJob(positionals[0] ?? '') ?? NODE_JOBS.find((j) => j.name === positionals[0]);
  if (!job) throw new UsageError(`unknown job; jobs: ${[...JOBS, ...NODE_JOBS].map((j) => j.name).join(', ')}`);
  const now = nowArg(values.now);
  const logger = createLogger(config.logLevel);
  const result = await job.run({ db: database.db, now, config, logger, senders: nodeSenders(config, logger) });
  out(JSON.stringify({ job: job.name, ...result }));
  return 0;
};

const backup: Command = async ({ config, args, out }) => {
  const file = args[0];
  if (!file) throw new UsageError('backup needs a FILE');
  out(JSON.stringify({ file, ...(await backupTo(config.databaseUrl, file)) }));
  return 0;
};

/** Runs without opening the database: it replaces the file, so nothing may hold it open. */
const restore = async ({ config, args, out }: Omit<CliContext, 'database' | 'keys'>): Promise<number> => {
  const file = args[0];
  if (!file) throw new UsageError('restore needs a FILE');
  const report = await restoreFrom(file, config.databaseUrl);
  if (!report.ok) {
    console.error(`The backup failed its integrity check; nothing was restored:\n${report.problems.join('\n')}`);
    return 1;
  }
  out(JSON.stringify({ restored: file }));
  return 0;
};

/** `group sub` → handler; later modules add theirs (import, export, reports, backup). */
export const COMMANDS: Record<string, Command> = {
  'user create': userCreate,
  seed,
  'jobs run': jobsRun,
  backup,
  'import activities': importActivitiesCommand,
  import: importCommand,
  export: exportCommand,
  'keys rotate': ({ database, keys, args, out }) => keysRotate(database.db, keys, args, out),
  'service-days list': ({ database, args, out }) => serviceDaysListCommand(database.db, args, out),
  'plan export': ({ database, args, out }) => planExportCommand(database.db, args, out),
  coverage: coverageCommand,
  'report annual': reportAnnualCommand,
};

/** Commands that read or write encrypted data: only these need (and may create) the data key. */
const KEYED = new Set(['seed', 'import', 'export', 'import activities', 'keys rotate']);
/** `jobs run deliver-outbox` opens the volunteers' mobiles the text messages carry encrypted (decision 0215). */
const needsKeys = (key: string, args: string[]) =>
  KEYED.has(key) || (key === 'jobs run' && args[0] === 'deliver-outbox');

const FILE_COMMANDS: Record<string, (ctx: Omit<CliContext, 'database' | 'keys'>) => Promise<number>> = {
  restore,
  // Solving a kernel file touches no database: it can run anywhere the repository is checked out.
  'plan solve': ({ config, args, out }) => planSolveCommand(args, config.planTimeLimitMs, out),
};

const USAGE = `usage: npm run --silent cli -- <command>
  user create --role <county_admin|station_staff|org_coordinator> --username NAME [--name 姓名] [--township ID] [--organisation ID]   (password on stdin)
  seed --demo [--seed N] [--now ISO-8601] [--months 12] [--scale N]   a demo county with a year of history; prints its logins once
  jobs run <job> [--now ISO-8601]
  backup FILE        a consistent copy of the embedded database, taken while the server runs
  restore FILE       checks the backup's integrity, then replaces the database (stop the server first)
  import <organisations|volunteers|recipients> <file.csv|file.xlsx>
  export <organisations|volunteers|recipients> <file.csv|file.xlsx>   (unmasked: the shell acts as the county admin)
  import activities <file.csv|file.xlsx>
  keys rotate [--batch N]   re-encrypts everything under a new key (key file) or the configured DATA_KEY; resumable
  report annual --year YYYY [--json] [--docx FILE] [--xlsx FILE]
  service-days list --from YYYY-MM-DD --to YYYY-MM-DD [--json]
  plan solve <instance.json> [--time-limit-ms N]   the planning kernel: one JSON answer (decision 0053)
  plan export <shiftId> <file>                     a shift's planning problem in the kernel format (ids and numbers only)
  coverage set <months> [--township ID] | coverage show   how often each household needs a service-day visit (decision 0165)`;

export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const [a, b, ...rest] = argv;
  const key = a && b && (COMMANDS[`${a} ${b}`] || FILE_COMMANDS[`${a} ${b}`]) ? `${a} ${b}` : a;
  const command = key ? COMMANDS[key] : undefined;
  const fileCommand = key ? FILE_COMMANDS[key] : undefined;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (fileCommand)
    return fileCommand({ config: loadConfig(env), args: key === a ? argv.slice(1) : rest, stdin: readStdin, out });
  if (!command) {
    console.error(USAGE);
    return 2;
  }
  const args = key === a ? argv.slice(1) : rest;
  const loaded = loadConfig(env);
  // The demo seed runs on one connection, so its synchronous=NORMAL holds for every statement (decision 0155).
  const database = await openDatabase(loaded.databaseUrl, loaded.databaseAuthToken, key === 'seed' ? 1 : undefined);
  try {
    await migrateDatabase(database);
    // The same keys as the server (the environment's or the key file beside the database), for the commands that
    // touch personal data. Notices go to stderr: stdout carries the command's result.
    // Clear volunteers' mobiles left by an older version need the key whatever the command (decision 0215).
    const keys =
      needsKeys(key!, args) || (await clearMobilesPending(database.client)) > 0
        ? await resolveNodeKeys(
            loaded,
            () => holdsEncryptedData(database.client),
            (line) => console.error(line),
          )
        : null;
    const config: Config = keys ? { ...loaded, keys: keys.ring } : loaded;
    await encryptClearMobiles(database, () => cipherFor(config));
    return await command({ database, config, keys: keys!, args, stdin: readStdin, out });
  } catch (error) {
    // Not every error's code is a string (WebCrypto's DOMException has a number): test before calling startsWith.
    const code = (error as { code?: unknown } | null)?.code;
    if (error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      console.error((error as Error).message);
      console.error(USAGE);
      return 2;
    }
    throw error;
  } finally {
    database.close();
  }
}

// The exit code is set, not forced: process.exit() would cut off what is still queued on a piped stdout/stderr
// (a long list of row errors). Every command closes its database, so nothing keeps the process alive.
runCli(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
