// The Cloudflare Workers entry: the same app and job registry as src/index.node.ts, with the database,
// passwords, assets and configuration taken from Workers. It must never import Node-only modules
// (src/db/client.ts, src/jobs/backup.ts, src/auth/password.ts, @hono/node-server, node-cron):
// test/worker/bundle.test.ts builds the bundle and fails if one slips in.
import type { MiddlewareHandler } from 'hono';
import { type App, createApp } from './app.js';
import { workerHasher } from './auth/password-worker.js';
import type { Db } from './db/types.js';
import { createWorkerDb, type WorkerDbSource } from './db/worker.js';
import { workClock } from './domain/matching/index.js';
import { bindingsToEnv, type Config, loadConfig } from './env.js';
import { shanghaiCronToUtc } from './jobs/cron-utc.js';
import { JOBS } from './jobs/registry.js';
import { createLogger, type Logger } from './lib/logger.js';
import { createCipher } from './lib/personal-data.js';

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

/** Workers assets answer /static/* before the Worker runs; this is the fallback when they are not bound. */
function workerAssets(env: WorkerEnv): MiddlewareHandler | undefined {
  const assets = env.ASSETS;
  if (!assets) return undefined;
  return async (c, next) => {
    const res = await assets.fetch(c.req.raw);
    if (res.status === 404) return next();
    c.set('authorized', true);
    return res;
  };
}

function init(env: WorkerEnv): Runtime {
  if (runtime) return runtime;
  const config = loadConfig(bindingsToEnv(env));
  const logger = createLogger(config.logLevel, (line) => console.log(line));
  const { db, driver } = createWorkerDb({ d1: env.DB, url: config.databaseUrl, authToken: config.databaseAuthToken });
  logger.info('worker_started', { driver });
  const app = createApp({
    db,
    now: () => new Date(),
    config,
    passwords: workerHasher,
    logger,
    cipher: createCipher(config.dataKey, config.dataKeyVersion),
    // Cloudflare sets the client's address; there is no proxy in front to trust otherwise.
    clientIp: (c) => c.req.header('cf-connecting-ip') ?? undefined,
    assets: workerAssets(env),
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
  for (const job of due) {
    try {
      const result = await job.run({ db: rt.db, now: at, config: rt.config, logger: rt.logger });
      rt.logger.info('job_done', { job: job.name, ...result });
    } catch (error) {
      rt.logger.error('job_failed', { job: job.name, message: (error as Error).message });
    }
  }
}

export default {
  fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    return init(env).app.fetch(request, env, ctx as never);
  },
  scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext) {
    ctx.waitUntil(runScheduled(controller.cron, new Date(controller.scheduledTime), init(env)));
  },
};
