import { type ServerType, serve } from '@hono/node-server';
import { createApp } from '../../src/app.js';
import { argon2Hasher } from '../../src/auth/password.js';
import type { Database } from '../../src/db/client.js';
import { loadConfig } from '../../src/env.js';
import { compressHtml } from '../../src/lib/compress-html.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { nodeAssets } from '../../src/lib/node-assets.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { freshDatabase } from './app.js';
import { TEST_KEYS } from './keys.js';

export interface RunningServer {
  url: string;
  database: Database;
  config: ReturnType<typeof loadConfig>;
  close(): Promise<void>;
}

/** The real app on a real socket (random port) over a fresh database file, for browser tests. */
export async function startServer(): Promise<RunningServer> {
  const { database } = await freshDatabase();
  const config = loadConfig(TEST_KEYS);
  const app = createApp({
    db: database.db,
    now: () => new Date(),
    config,
    passwords: argon2Hasher,
    logger: memoryLogger(),
    cipher: cipherFor(config),
    clientIp: () => '127.0.0.1',
    assets: nodeAssets(),
    compressHtml: compressHtml(),
  });
  let server: ServerType;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    config,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        database.close();
      }),
  };
}
