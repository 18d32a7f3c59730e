import { expect } from 'vitest';
import { translator } from '../../src/lib/i18n/index.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { activitiesImporter } from '../../src/modules/ledger/import.js';
import { SHELL } from '../../src/modules/registry/cli.js';
import { runImport } from '../../src/modules/registry/pipeline.js';
import { type Browser, ORIGIN, type TestApp } from './app.js';
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
export function uploadActivities(t: TestApp, b: Browser, name: string, bytes: Uint8Array) {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return t.app.request(`${ORIGIN}/activities/import`, {
    method: 'POST',
    body: form,
    headers: { origin: ORIGIN, cookie },
  });
}

export const tokenIn = (html: string) => /name="token" value="([0-9a-f]+)"/.exec(html)?.[1];

/** Upload, preview, confirm over HTTP: both pages. */
export async function importActivitiesFile(t: TestApp, b: Browser, name: string, bytes: Uint8Array) {
  const res = await uploadActivities(t, b, name, bytes);
  const preview = await res.text();
  expect(res.status, preview.slice(0, 2000)).toBe(200);
  const confirmed = await b.post('/activities/import/confirm', { token: tokenIn(preview)! });
  expect(confirmed.status).toBe(200);
  return { preview, done: await confirmed.text() };
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
