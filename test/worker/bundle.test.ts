import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { offlineEnv, ROOT, WRANGLER } from './wrangler.js';

// Modules that cannot run on Workers (native addons, Node servers, file access, timers of node-cron)
// or that the Worker must not carry (the file migrator, the backup job).
const FORBIDDEN = [
  'node_modules/@hono/node-server/',
  'node_modules/node-cron/',
  'node_modules/@node-rs/',
  'node_modules/libsql/',
  'node_modules/@libsql/linux-',
  'node_modules/@libsql/client/lib-esm/node.js',
  'node_modules/@libsql/client/lib-esm/sqlite3.js',
  'node_modules/drizzle-orm/migrator.js',
  'node_modules/drizzle-orm/libsql/migrator.js',
  'src/db/client.ts',
  'src/jobs/backup.ts',
  'src/ops/',
  'src/auth/password.ts',
  'src/lib/node-assets.ts',
  'src/lib/raster-node.ts',
  'node_modules/@resvg/',
  'src/index.node.ts',
];

/** The source files esbuild put in the bundle: it heads each one with a `// path` comment. */
function bundledModules(code: string): string[] {
  return [...code.matchAll(/^\/\/ ((?:node_modules|src|views)\/\S+)$/gm)].map((m) => m[1]!);
}

describe('the Workers bundle', () => {
  test('wrangler builds it without a Node-only module', () => {
    const out = mkdtempSync(join(tmpdir(), 'shouwang-worker-'));
    try {
      execFileSync(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', out], {
        cwd: ROOT,
        env: offlineEnv(),
        stdio: 'pipe',
        timeout: 90_000,
      });
      const modules = bundledModules(readFileSync(join(out, 'index.worker.js'), 'utf8'));
      // The bundle is the real app on the Workers drivers: if these go missing the check below means nothing.
      expect(modules).toEqual(
        expect.arrayContaining([
          'src/index.worker.ts',
          'src/app.tsx',
          'src/db/worker.ts',
          'node_modules/drizzle-orm/d1/driver.js',
          'node_modules/drizzle-orm/libsql/web/index.js',
          'src/auth/password-worker.ts',
          'src/jobs/registry.ts',
        ]),
      );
      const offending = modules.filter((m) => FORBIDDEN.some((f) => m.startsWith(f)));
      expect(offending).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
