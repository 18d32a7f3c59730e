import type { Db } from '../db/client.js';
import type { Config } from '../env.js';
import type { Logger } from '../lib/logger.js';
import type { Senders } from '../modules/notices/senders.js';
import { deliverOutboxJob } from './deliver-outbox.js';
import { heartbeatJob } from './heartbeat.js';
import { serviceDaysJob } from './service-days.js';
import { shiftRemindersJob } from './shift-reminders.js';
import { sweepUploadsJob } from './sweep-uploads.js';

export interface JobContext {
  db: Db;
  now: Date;
  config: Config;
  logger: Logger;
  /** Notification senders; Node entries inject SMTP, elsewhere the configured base set is used. */
  senders?: Senders;
}

export interface Job {
  name: string;
  /** node-cron expression in Asia/Shanghai time. */
  cron: string;
  run(ctx: JobContext): Promise<Record<string, unknown>>;
}

/** Every scheduled job, in one place: node-cron, the Workers scheduled handler and the CLI read this list. */
export const JOBS: Job[] = [serviceDaysJob, shiftRemindersJob, deliverOutboxJob, heartbeatJob, sweepUploadsJob];

export function findJob(name: string): Job | undefined {
  return JOBS.find((j) => j.name === name);
}
