import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import cron from 'node-cron';
import { loadConfig } from './env.js';
import { openDatabase, migrateDatabase } from './db/client.js';
import { createApp } from './app.js';
import { argon2Hasher } from './auth/password.js';
import { createLogger } from './lib/logger.js';
import { createCipher } from './lib/personal-data.js';
import { nodeAssets } from './lib/node-assets.js';
import { hasAnyUser } from './auth/service.js';
import { JOBS } from './jobs/registry.js';
import { catchUp, runJob } from './jobs/runner.js';
import { NODE_JOBS } from './jobs/backup.js';
import { nodeSenders } from './lib/notify/smtp.js';

async function main() {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  await migrateDatabase(database);
  const app = createApp({
    db: database.db,
    now: () => new Date(),
    config,
    passwords: argon2Hasher,
    logger,
    cipher: createCipher(config.dataKey, config.dataKeyVersion),
    clientIp: (c) => (config.trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined) ?? getConnInfo(c).remote.address,
    assets: nodeAssets(),
  });

  const senders = nodeSenders(config, logger);
  const tasks = [...JOBS, ...NODE_JOBS].map((job) =>
    cron.schedule(
      job.cron,
      () => runJob(job, { db: database.db, now: new Date(), config, logger, senders }).then(() => undefined),
      { timezone: config.timezone, noOverlap: true, name: job.name },
    ),
  );

  // Jobs missed while the server was down run once now (the backup job is not among them: it is not idempotent).
  void catchUp(JOBS, { db: database.db, now: new Date(), config, logger, senders });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, async (info) => {
    const url = `http://localhost:${info.port}`;
    console.log(`守望 Shouwang is running at ${url}`);
    if (!(await hasAnyUser(database.db))) console.log(`First run: create the county administrator at ${url}/setup`);
  });

  const stop = async () => {
    for (const task of tasks) await task.stop();
    server.close();
    database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
