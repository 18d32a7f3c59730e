// The Cloudflare Workers entry: the same app and job registry as src/index.node.ts, with the database,
// passwords, assets and configuration taken from Workers. It must never import Node-only modules
// (src/db/client.ts, src/jobs/backup.ts, src/auth/password.ts, @hono/node-server, node-cron):
// test/worker/bundle.test.ts builds the bundle and fails if one slips in.
import { type App, createApp } from './app.js';
import { workerHasher } from './auth/password-worker.js';
import type { Db } from './db/types.js';
import { createWorkerDb, type WorkerDbSource } from './db/worker.js';
import { workClock } from './domain/matching/index.js';
import { bindingsToEnv, type Config, loadConfig } from './env.js';
import { shanghaiCronToUtc } from './jobs/cron-utc.js';
import { JOBS } from './jobs/registry.js';
import { runJob } from './jobs/runner.js';
import { fetchedAssets } from './lib/assets.js';
import { createLogger, type Logger } from './lib/logger.js';
import { cipherFor } from './lib/personal-data.js';
import { baseSenders, warnLoggedChannels } from './modules/notices/senders.js';

/** Bindings from wrangler.toml ([vars], secrets, [[d1_databases]], [assets]). */
export interface WorkerEnv extends Record<string, unknown> {
  DB?: WorkerDbSource['d1'];
  ASSETS?: { fetch(request: Request): Promise<Response> };
}

interface ScheduledController {
  cron: string;
  scheduledTime: number;
}
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

interface Runtime {
  app: App;
  db: Db;
  config: Config;
  logger: Logger;
}

// Bindings do not change within an isolate: build the app once and reuse it across requests.
let runtime: Runtime | undefined;

/** Said (with 503) on every request while the DATA_KEY secret is missing: there is no built-in key to fall back to. */
// Not exported: a Workers main module may export only handlers.
const NO_KEY_MESSAGE =
  'Shouwang is not configured: the DATA_KEY secret is missing. Run `openssl rand -base64 32 | npx wrangler secret put DATA_KEY` and deploy again.';

class MissingKeyError extends Error {}

function init(env: WorkerEnv): Runtime {
  if (runtime) return runtime;
  const config = loadConfig(bindingsToEnv(env));
  if (!config.keys) throw new MissingKeyError(NO_KEY_MESSAGE);
  const logger = createLogger(config.logLevel, (line) => console.log(line));
  const { db, driver } = createWorkerDb({ d1: env.DB, url: config.databaseUrl, authToken: config.databaseAuthToken });
  logger.info('worker_started', { driver });
  warnLoggedChannels(baseSenders(config, logger), logger);
  const app = createApp({
    db,
    now: () => new Date(),
    config,
    passwords: workerHasher,
    logger,
    cipher: cipherFor(config),
    // Cloudflare sets the client's address; there is no proxy in front to trust otherwise.
    clientIp: (c) => c.req.header('cf-connecting-ip') ?? undefined,
    // /static/* runs the Worker first (wrangler.toml) so the pre-compressed copy can be chosen by Accept-Encoding.
    assets: env.ASSETS ? fetchedAssets(env.ASSETS) : undefined,
    // Timers stand still while a Worker computes: the planner's budget counts work instead (decision 0053).
    planClock: () => workClock(),
  });
  runtime = { app, db, config, logger };
  return runtime;
}

/** Runs every job whose Shanghai schedule converts to the UTC cron that fired. */
async function runScheduled(cron: string, at: Date, rt: Runtime) {
  const due = JOBS.filter((job) => shanghaiCronToUtc(job.cron) === cron);
  if (due.length === 0) rt.logger.warn('job_unmatched', { cron });
  for (const job of due) await runJob(job, { db: rt.db, now: at, config: rt.config, logger: rt.logger });
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    let rt: Runtime;
    try {
      rt = init(env);
    } catch (error) {
      if (!(error instanceof MissingKeyError)) throw error;
      console.error(NO_KEY_MESSAGE);
      return new Response(NO_KEY_MESSAGE, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    return rt.app.fetch(request, env, ctx as never);
  },
  scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext) {
    // Without the key nothing runs: init throws and the scheduled event is reported as failed.
    ctx.waitUntil(runScheduled(controller.cron, new Date(controller.scheduledTime), init(env)));
  },
};
