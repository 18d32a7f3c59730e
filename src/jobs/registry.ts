import type { Db } from '../db/client.js';
import type { Config } from '../env.js';
import type { Logger } from '../lib/logger.js';
import { serviceDaysJob } from './service-days.js';

export interface JobContext {
  db: Db;
  now: Date;
  config: Config;
  logger: Logger;
}

export interface Job {
  name: string;
  /** node-cron expression in Asia/Shanghai time. */
  cron: string;
  run(ctx: JobContext): Promise<Record<string, unknown>>;
}

/** Every scheduled job, in one place: node-cron, the Workers scheduled handler and the CLI read this list. */
export const JOBS: Job[] = [serviceDaysJob];

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
