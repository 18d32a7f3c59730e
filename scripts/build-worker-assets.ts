// Copies the versioned static files (src/lib/assets.ts ASSET_FILES) into dist/worker-assets/, the
// folder wrangler.toml's [assets] serves. Run by `npm run build:worker` before wrangler.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSET_FILES } from '../src/lib/assets.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'dist/worker-assets');
rmSync(out, { recursive: true, force: true });
for (const [url, file] of Object.entries(ASSET_FILES)) {
  const target = resolve(out, `.${url}`);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(resolve(root, file), target);
}
console.log(`worker assets: ${Object.keys(ASSET_FILES).length} files in dist/worker-assets`);
