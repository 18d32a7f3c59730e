// Child-process server for benchmarks: the load generator and the server each get their own core.
// argv: hello | app <dbfile> [scale]
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { createApp } from '../../src/app.js';
import { argon2Hasher } from '../../src/auth/password.js';
import { migrateDatabase, openDatabase } from '../../src/db/client.js';
import { loadConfig } from '../../src/env.js';
import { compressHtml } from '../../src/lib/compress-html.js';
import { createLogger } from '../../src/lib/logger.js';
import { nodeAssets } from '../../src/lib/node-assets.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { listen } from './http.js';
import { BENCH_KEYS } from './keys.js';

const [kind, file] = process.argv.slice(2);
const HTML = process.env.BENCH_HTML ?? 'zlib';
let fetchHandler: (req: Request) => Response | Promise<Response>;
if (kind === 'hello') {
  const app = new Hono();
  app.get('/', (c) => c.text('hello world'));
  fetchHandler = app.fetch;
} else {
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database);
  // BENCH_SYNCHRONOUS=NORMAL measures what a commit's fsync costs (the app keeps FULL, decision 0240); it holds on
  // the connection that runs every read and single write.
  const synchronous = process.env.BENCH_SYNCHRONOUS;
  if (synchronous === 'NORMAL' || synchronous === 'FULL')
    await database.client.execute(`PRAGMA synchronous = ${synchronous}`);
  // SETUP_TOKEN passes through, so a test can run first-run against this server.
  const config = loadConfig({ ...BENCH_KEYS, LOG_LEVEL: 'error', SETUP_TOKEN: process.env.SETUP_TOKEN });
  const app = createApp({
    db: database.db,
    now: () => new Date(),
    config,
    passwords: argon2Hasher,
    logger: createLogger('error'),
    cipher: cipherFor(config),
    clientIp: () => '127.0.0.1',
    assets: nodeAssets(),
    // BENCH_HTML=off|zlib|hono: pages raw, our zlib middleware (what the Node entry uses), or hono/compress.
    compressHtml: HTML === 'off' ? undefined : HTML === 'hono' ? compress() : compressHtml(),
  });
  fetchHandler = app.fetch;
}
const server = await listen(fetchHandler);
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
// The heap's share of the peak (sampled each second), so a bench can tell V8's heap from native memory.
let peakHeap = { heapTotal: 0, external: 0, rss: 0 };
setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peakHeap.rss) peakHeap = { heapTotal: m.heapTotal, external: m.external, rss: m.rss };
  if (process.argv.includes('--report-rss')) process.stderr.write(`rss ${process.resourceUsage().maxRSS}\n`);
}, 1000).unref();
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, atPeak: peakHeap })}\n`);
  // Close idle keep-alive sockets too, so the process exits (and writes its CPU profile) promptly.
  server.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
