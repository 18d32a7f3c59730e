import { translator } from '../../src/lib/i18n/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { activitiesImporter } from '../../src/modules/ledger/import.js';
import { SHELL } from '../../src/modules/registry/cli.js';
import { runImport } from '../../src/modules/registry/pipeline.js';
import type { Browser, TestApp } from './app.js';
import { importSheet } from './imports.js';
import { organisation, recipient, township } from './ledger-fixtures.js';

/** The register the activities sheets name, the same in any database: same names, same ID numbers (same hashes). */
export async function activityRegistry(t: TestApp) {
  const db = t.database.db;
  const cipher = cipherFor(t.config);
  const A = await township(db, '易俗河镇');
  const B = await township(db, '花石镇');
  return {
    A,
    B,
    org: await organisation(db, '湘潭县爱心协会', 'social_org', null),
    station: await organisation(db, '花石镇社工站', 'station', B),
    home: await organisation(db, '易俗河敬老院', 'nursing_home', A),
    r1: await recipient(db, cipher, '王秀英', A, 'home', '430321195003120017'),
    r2: await recipient(db, cipher, '李桂兰', B, 'home', '43032119480506002X'),
  };
}

/** Step 1 over HTTP: the upload, answered with the preview (or the errors). */
/** (`t` stays in the signature: the ledger tests call it so.) */
export function uploadActivities(_t: TestApp, b: Browser, name: string, bytes: Uint8Array) {
  return b.upload('/activities/import', name, bytes);
}

export { tokenIn } from './imports.js';

/** Upload, preview, confirm over HTTP: both pages. */
export function importActivitiesFile(_t: TestApp, b: Browser, name: string, bytes: Uint8Array) {
  return importSheet(b, '/activities/import', name, bytes);
}

/** The sheet through the pipeline itself, as the county administrator's shell: the structured outcome. */
export function runActivities(t: TestApp, bytes: Uint8Array, opts: { apply: boolean; name?: string }) {
  const run = {
    db: t.database.db,
    cipher: cipherFor(t.config),
    now: t.clock.now(),
    viewer: SHELL,
    t: translator('zh'),
  };
  const file = { bytes, name: opts.name ?? 'a.csv' };
  return runImport({ ...run, importer: activitiesImporter, file, apply: opts.apply });
}
