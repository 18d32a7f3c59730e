import { sweepUploads, UPLOAD_TTL_MS } from '../modules/registry/uploads.js';
import type { Job } from './registry.js';

/**
 * Removes import previews nobody confirmed: a kept upload holds a whole register's ID numbers (encrypted), and an
 * abandoned one has no reason to stay. Every 15 minutes, older than the 30-minute TTL, so none outlives an hour.
 */
export const sweepUploadsJob: Job = {
  name: 'sweep-uploads',
  cron: '*/15 * * * *',
  async run({ db, now }) {
    return { removed: await sweepUploads(db, now), olderThanMinutes: UPLOAD_TTL_MS / 60_000 };
  },
};
