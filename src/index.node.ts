import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import cron from 'node-cron';
import { createApp } from './app.js';
import { argon2Hasher } from './auth/password.js';
import { hasAnyUser } from './auth/service.js';
import { type Database, migrateDatabase, openDatabase } from './db/client.js';
import type { MilpSolver } from './domain/matching/index.js';
import { type Config, loadConfig } from './env.js';
import { NODE_JOBS } from './jobs/backup.js';
import { JOBS } from './jobs/registry.js';
import { catchUp, runJob } from './jobs/runner.js';
import { createLogger, type Logger } from './lib/logger.js';
import { highsSolver } from './lib/milp-highs.js';
import { nodeAssets } from './lib/node-assets.js';
import { createCipher } from './lib/personal-data.js';
import { byHost } from './lib/tenancy.js';
import { nodeSenders } from './modules/notices/smtp.js';

// HiGHS (WebAssembly) is compiled on the first plan that needs it, once for every county of the process.
let solver: Promise<MilpSolver> | undefined;
const milp = () => {
  solver ??= highsSolver();
  return solver;
};

/** One county: its database (migrated), its app, its scheduled jobs. */
async function county(config: Config, logger: Logger, url: string, host: string | null) {
  const database = await openDatabase(url, config.databaseAuthToken);
  await migrateDatabase(database);
  // Each county's backups in their own folder, so several databases never overwrite each other's copies.
  const own: Config = host ? { ...config, backupDir: join(config.backupDir, host) } : config;
  const app = createApp({
    db: database.db,
    now: () => new Date(),
    config: own,
    passwords: argon2Hasher,
    logger,
    cipher: createCipher(config.dataKey, config.dataKeyVersion),
    clientIp: (c) =>
      (config.trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined) ??
      getConnInfo(c).remote.address,
    assets: nodeAssets(),
    milp,
  });
  const senders = nodeSenders(own, logger);
  const tasks = [...JOBS, ...NODE_JOBS].map((job) =>
    cron.schedule(
      job.cron,
      () => runJob(job, { db: database.db, now: new Date(), config: own, logger, senders }).then(() => undefined),
      { timezone: config.timezone, noOverlap: true, name: host ? `${job.name}@${host}` : job.name },
    ),
  );
  // Jobs missed while the server was down run once now (the backup job is not among them: it is not idempotent).
  void catchUp(JOBS, { db: database.db, now: new Date(), config: own, logger, senders });
  return { host, database, app, tasks };
}

async function main() {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const counties = await Promise.all(
    config.countyDatabases
      ? Object.entries(config.countyDatabases).map(([host, url]) => county(config, logger, url, host))
      : [county(config, logger, config.databaseUrl, null)],
  );
  const fetch = config.countyDatabases
    ? byHost(new Map(counties.map((c) => [c.host!, c.app.fetch])))
    : counties[0]!.app.fetch;

  const server = serve({ fetch, port: config.port, hostname: config.host }, async (info) => {
    const url = `http://localhost:${info.port}`;
    console.log(`守望 Shouwang is running at ${url}`);
    for (const c of counties) {
      const at = c.host ? `http://${c.host}:${info.port}` : url;
      if (!(await hasAnyUser(c.database.db))) console.log(`First run: create the county administrator at ${at}/setup`);
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
