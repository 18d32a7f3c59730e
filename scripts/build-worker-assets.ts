// Writes the versioned static files (src/lib/assets.ts ASSET_FILES) into dist/worker-assets/, the folder
// wrangler.toml's [assets] serves, each with its brotli (.br) and gzip (.gz) copy compressed once here, so the
// Worker picks one by Accept-Encoding (src/lib/assets.ts fetchedAssets) instead of compressing per request.
// Run by `npm run build:worker` and wrangler's [build] before every build and dev run.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSET_FILES, ENCODED_SUFFIX, ENCODINGS } from '../src/lib/assets.js';
import { compressAsset } from '../src/lib/node-assets.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(root, 'dist/worker-assets');
rmSync(out, { recursive: true, force: true });
let raw = 0;
let br = 0;
for (const [url, file] of Object.entries(ASSET_FILES)) {
  const target = resolve(out, `.${url}`);
  mkdirSync(dirname(target), { recursive: true });
  const asset = await compressAsset(new Uint8Array(readFileSync(resolve(root, file))));
  writeFileSync(target, asset.identity);
  raw += asset.identity.byteLength;
  // Every encoding gets its file, even where it saves nothing, so the Worker never has to know which exist.
  for (const encoding of ENCODINGS) writeFileSync(target + ENCODED_SUFFIX[encoding], asset.encoded[encoding]);
  br += asset.encoded.br.byteLength;
}
console.log(`worker assets: ${Object.keys(ASSET_FILES).length} files in dist/worker-assets, ${raw} B raw, ${br} B br`);
