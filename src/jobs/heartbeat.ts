import { sql } from 'drizzle-orm';
import type { Job } from './registry.js';

/**
 * A read-only job proving the scheduler reaches the database on every runtime (node-cron, the Workers
 * scheduled handler, the CLI): its log line `job_done heartbeat users=N` is what operators and the
 * wrangler end-to-end test look for.
 */
export const heartbeatJob: Job = {
  name: 'heartbeat',
  cron: '0 3 * * *', // 03:00 Asia/Shanghai
  async run({ db }) {
    const [row] = (await db.all(sql`SELECT count(*) AS n FROM users`)) as { n: number }[];
    return { users: Number(row?.n ?? 0) };
  },
};
