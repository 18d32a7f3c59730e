import { resolve } from 'node:path';
import { backupTo, pruneBackups } from '../ops/backup.js';
import type { Job } from './registry.js';

/** Nightly copy of the embedded database with retention (Node only: it writes files). */
export const backupJob: Job = {
  name: 'backup',
  cron: '30 2 * * *', // 02:30 Asia/Shanghai, after the day's work and before the 03:00 jobs
  async run({ config, now }) {
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const file = resolve(config.backupDir, `shouwang-${stamp}.db`);
    const { bytes } = await backupTo(config.databaseUrl, file);
    const removed = pruneBackups(resolve(config.backupDir), config.backupKeep);
    return { file, bytes, removed: removed.length };
  },
};

/** Jobs that need Node (files); the Workers entry never imports this list. */
export const NODE_JOBS: Job[] = [backupJob];
