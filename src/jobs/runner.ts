import type { Job, JobContext } from './registry.js';

/** Runs one job, logging its result or its failure as one line; never throws (a scheduler must go on). */
export async function runJob(job: Job, ctx: JobContext): Promise<boolean> {
  try {
    const result = await job.run(ctx);
    ctx.logger.info('job_done', { job: job.name, ...result });
    return true;
  } catch (error) {
    ctx.logger.error('job_failed', { job: job.name, message: (error as Error).message });
    return false;
  }
}

/**
 * Catch-up at start: every job runs once, so a day missed while the server was down is made up. Jobs are
 * idempotent in the database (a day's claim, a key per message), so a run that was not missed does nothing.
 */
export async function catchUp(jobs: Job[], ctx: JobContext): Promise<void> {
  for (const job of jobs) await runJob(job, { ...ctx, now: new Date(ctx.now) });
}
