import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import cron from 'node-cron';
import { createApp } from './app.js';
import { argon2Hasher } from './auth/password.js';
import { hasAdministrator } from './auth/service.js';
import { newSetupToken } from './auth/setup-token.js';
import { type Database, migrateDatabase, openDatabase } from './db/client.js';
import type { MilpSolver } from './domain/matching/index.js';
import { type Config, loadConfig } from './env.js';
import { NODE_JOBS } from './jobs/backup.js';
import { JOBS } from './jobs/registry.js';
import { catchUp, runJob } from './jobs/runner.js';
import { compressHtml } from './lib/compress-html.js';
import { holdsEncryptedData, resolveNodeKeys } from './lib/key-file.js';
import { createLogger, type Logger } from './lib/logger.js';
import { highsSolver } from './lib/milp-highs.js';
import { nodeAssets } from './lib/node-assets.js';
import { cipherFor } from './lib/personal-data.js';
import { resvgRasteriser } from './lib/raster-node.js';
import { clientAddress } from './lib/security.js';
import { byHost } from './lib/tenancy.js';
import { warnLoggedChannels } from './modules/notices/senders.js';
import { nodeSenders } from './modules/notices/smtp.js';
import { encryptClearMobiles } from './ops/clear-mobiles.js';

// HiGHS (WebAssembly) is compiled on the first plan that needs it, once for every county of the process.
let solver: Promise<MilpSolver> | undefined;
const milp = () => {
  solver ??= highsSolver();
  return solver;
};

/** One county's database, opened and migrated. */
async function openCounty(config: Config, url: string, host: string | null) {
  const database = await openDatabase(url, config.databaseAuthToken);
  await migrateDatabase(database);
  return { database, host };
}

/** One county: its app and its scheduled jobs. */
async function county(config: Config, logger: Logger, { database, host }: Awaited<ReturnType<typeof openCounty>>) {
  // Each county's backups in their own folder, so several databases never overwrite each other's copies.
  const own: Config = host ? { ...config, backupDir: join(config.backupDir, host) } : { ...config };
  // First run: a one-time token guards /setup; made here and printed below unless SETUP_TOKEN is configured.
  const firstRun = !(await hasAdministrator(database.db));
  const printedToken = firstRun && !config.setupToken ? newSetupToken() : undefined;
  own.setupToken = config.setupToken ?? printedToken;
  const app = createApp({
    db: database.db,
    now: () => new Date(),
    config: own,
    passwords: argon2Hasher,
    logger,
    cipher: cipherFor(config),
    clientIp: clientAddress(config, (c) => getConnInfo(c).remote.address),
    assets: nodeAssets(),
    compressHtml: compressHtml(),
    rasterise: resvgRasteriser,
    milp,
  });
  const senders = nodeSenders(own, logger);
  warnLoggedChannels(senders, logger);
  const tasks = [...JOBS, ...NODE_JOBS].map((job) =>
    cron.schedule(
      job.cron,
      () => runJob(job, { db: database.db, now: new Date(), config: own, logger, senders }).then(() => undefined),
      { timezone: config.timezone, noOverlap: true, name: host ? `${job.name}@${host}` : job.name },
    ),
  );
  // Jobs missed while the server was down run once now (the backup job is not among them: it is not idempotent).
  void catchUp(JOBS, { db: database.db, now: new Date(), config: own, logger, senders });
  return { host, database, app, tasks, firstRun, printedToken };
}

async function main() {
  const env = loadConfig(process.env);
  const logger = createLogger(env.logLevel);
  const opened = await Promise.all(
    env.countyDatabases
      ? Object.entries(env.countyDatabases).map(([host, url]) => openCounty(env, url, host))
      : [openCounty(env, env.databaseUrl, null)],
  );
  // No key in the source: the environment's, or the key file's (made with random keys on the first start).
  const { ring } = await resolveNodeKeys(
    env,
    async () => (await Promise.all(opened.map((c) => holdsEncryptedData(c.database.client)))).some(Boolean),
    (line) => console.log(line),
  );
  const config: Config = { ...env, keys: ring };
  // Volunteers' mobiles left in clear by an older version are encrypted before anything serves (decision 0215).
  for (const c of opened) await encryptClearMobiles(c.database, () => cipherFor(config));
  const counties = await Promise.all(opened.map((c) => county(config, logger, c)));
  const fetch = config.countyDatabases
    ? byHost(new Map(counties.map((c) => [c.host!, c.app.fetch])))
    : counties[0]!.app.fetch;

  const server = serve({ fetch, port: config.port, hostname: config.host }, async (info) => {
    const url = `http://localhost:${info.port}`;
    console.log(`守望 Shouwang is running at ${url}`);
    for (const c of counties) {
      const at = c.host ? `http://${c.host}:${info.port}` : url;
      if (!c.firstRun || (await hasAdministrator(c.database.db))) continue;
      const link = c.printedToken ? `${at}/setup?token=${c.printedToken}` : `${at}/setup (with your SETUP_TOKEN)`;
      console.log(`First run: create the county administrator at ${link}`);
    }
  });

  const stop = async () => {
    for (const c of counties) for (const task of c.tasks) await task.stop();
    server.close();
    for (const c of counties) (c.database as Database).close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
