import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { argon2Hasher } from '../../src/auth/password.js';
import * as s from '../../src/db/schema/index.js';
import { type ResolvedKeys, readKeyFile, writeKeyFile } from '../../src/lib/key-file.js';
import { cipherFor, createCipher } from '../../src/lib/personal-data.js';
import { keysRotate } from '../../src/ops/keys-command.js';
import { rotateKeys } from '../../src/ops/rotate-keys.js';
import { Browser, createTestApp, loginAs, ORIGIN, type TestApp } from '../setup/app.js';
import { outputOf } from '../setup/cli.js';
import { TEST_KEYS } from '../setup/keys.js';
import { ROOT, TMP_DIR } from '../setup/paths.js';
import { type PlanFixture, planFixture } from '../setup/plans.js';
import { testIdNumber } from '../setup/registry.js';

const HEADER = '姓名,身份证号,乡镇,村(社区),供养方式,自理能力,供养机构,照料人,照料人电话,协议类型,协议签订日期';
const people = Array.from({ length: 120 }, (_, i) => ({
  name: `轮换${String(i).padStart(3, '0')}`,
  id: testIdNumber(`19${30 + (i % 40)}0${1 + (i % 9)}1${i % 10}`, 100 + i),
  mobile: `1370000${String(1000 + i)}`,
}));
const csv = [
  HEADER,
  ...people.map((p) => `${p.name},${p.id},花石镇,花石村,分散供养,全自理,,家属,${p.mobile},四方,2026-03-05`),
].join('\n');

const cli = (args: string[], env: Record<string, string | undefined>) =>
  outputOf(spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env }));

function keyless(extra: Record<string, string>) {
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'error', ...extra };
  for (const k of ['DATA_KEY', 'DATA_KEY_VERSION', 'DATA_KEYS_PREVIOUS', 'DATA_LOOKUP_KEY', 'DATA_KEY_FILE'])
    delete env[k];
  return env;
}

async function importCsv(b: Browser, t: TestApp, text: string) {
  const form = new FormData();
  form.append('file', new File([new TextEncoder().encode(text)], 'r.csv'));
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const preview = await t.app.request(`${ORIGIN}/import/recipients`, {
    method: 'POST',
    body: form,
    headers: { origin: ORIGIN, cookie },
  });
  const html = await preview.text();
  expect(preview.status, html.slice(0, 1000)).toBe(200);
  const token = /name="token" value="([0-9a-f]+)"/.exec(html)![1];
  const done = await b.post('/import/recipients/confirm', { token });
  expect(done.status).toBe(200);
  return done.text();
}

/** The same database served again after a restart with other keys: sessions stay, the cipher changes. */
function restartWith(t: TestApp, keys: TestApp['config']['keys']): TestApp {
  const config = { ...t.config, keys };
  const app = createApp({
    db: t.database.db,
    now: t.clock.now,
    config,
    passwords: argon2Hasher,
    logger: t.logger,
    cipher: cipherFor(config),
    clientIp: () => t.ip.value,
  });
  return { ...t, app, config };
}

function moved(b: Browser, t: TestApp) {
  const next = new Browser(t);
  next.cookies = new Map(b.cookies);
  return next;
}

let t: TestApp;
let p: PlanFixture;
let admin: Browser;
let coord: Browser;
beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-25T01:00:00Z');
  p = await planFixture(t);
  admin = (await loginAs(t, 'county_admin')).browser;
  coord = (await loginAs(t, 'org_coordinator', { organisationId: p.f.orgA.id })).browser;
  expect(await importCsv(admin, t, csv)).toContain('新增 120 条');
  expect((await coord.post(`/plans/${p.shift.id}/replan`)).status).toBe(303);
  expect((await coord.post(`/plans/${p.shift.id}/publish`)).status).toBe(303);
});

describe('keys rotate', () => {
  it('moves every row onto a new key in batches; reveal, export, edit, call and re-import work; nothing is duplicated', async () => {
    const keyFile = resolve(TMP_DIR, `${t.dbPath.split('/').pop()}.key`);
    writeKeyFile(keyFile, t.config.keys!, 'replace');
    const before = await t.database.db.select().from(s.recipients);
    expect(before.length).toBe(127);
    expect(before.every((r) => r.keyVersion === 1 && r.idNumberEnc.startsWith('v1:'))).toBe(true);

    const run = await cli(
      ['keys', 'rotate', '--batch', '25'],
      keyless({ DATABASE_URL: `file:${t.dbPath}`, DATA_KEY_FILE: keyFile }),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      keyVersion: 2,
      recipients: 127,
      batches: 6,
      resumed: false,
      verified: true,
    });
    const ring = readKeyFile(keyFile);
    expect(ring.current).toBe(2);
    expect([...ring.keys.keys()].sort()).toEqual([1, 2]);
    expect(ring.lookup).toEqual(t.config.keys!.lookup);

    const after = await t.database.db.select().from(s.recipients);
    expect(after).toHaveLength(127);
    for (const r of after) {
      expect(r.keyVersion).toBe(2);
      expect(r.idNumberEnc.startsWith('v2:')).toBe(true);
      if (r.caregiverMobileEnc) expect(r.caregiverMobileEnc.startsWith('v2:')).toBe(true);
      const old = before.find((b) => b.id === r.id)!;
      expect(r.idNumberHash).toBe(old.idNumberHash);
      expect(r.idNumberEnc).not.toBe(old.idNumberEnc);
    }
    // The old key alone no longer reads any row.
    const v1Only = createCipher({ current: 1, keys: new Map([[1, t.config.keys!.keys.get(1)!]]), lookup: ring.lookup });
    await expect(v1Only.decrypt(after[0].idNumberEnc)).rejects.toThrow(/no key for version v2/);

    // The server restarted with the rotated ring (only v2 needed now: drop v1 to prove it).
    const t2 = restartWith(t, { current: 2, keys: new Map([[2, ring.keys.get(2)!]]), lookup: ring.lookup });
    const admin2 = moved(admin, t2);
    const revealed = await (await admin2.post(`/recipients/${p.f.rx.id}/reveal`)).text();
    expect(revealed).toContain(testIdNumber('19400312', 351));
    expect(revealed).toContain('13812345678');

    const exported = await (await admin2.post('/export/recipients/csv')).text();
    for (const person of people) expect(exported).toContain(person.id);

    const editedId = after.find((r) => r.name === '轮换007')!.id;
    const edit = await admin2.post(`/recipients/${editedId}`, {
      name: '轮换007',
      townshipId: String(p.f.x.id),
      villageId: String(p.f.villages[0].id),
      supportMode: 'home',
      status: 'active',
      agreementKind: 'four',
      agreementSignedOn: '2026-03-05',
      caregiverName: '家属',
      caregiverMobile: '13566667777',
    });
    expect(edit.status).toBe(303);
    expect(await (await admin2.post(`/recipients/${editedId}/reveal`)).text()).toContain('13566667777');

    const household = (await t.database.db.select().from(s.planAssignments)).find(
      (a) => a.published && a.recipientId === p.people.self2,
    )!;
    const caller = household.volunteerId === p.wang.id ? p.wang : p.li;
    const call = await moved(caller.browser!, t2).post(`/visits/today/${household.id}/call`);
    expect(call.status).toBe(200);
    expect(await call.text()).toContain('href="tel:13911112222"');

    // Re-importing the register finds everyone by the unchanged lookup hash: nothing new, nothing twice.
    // (轮换007's mobile was edited since: the file's older number is the one update.)
    const again = await importCsv(admin2, t2, csv);
    expect(again).toContain('新增 0 条，更新 1 条，不变 119 条');
    expect(await t.database.db.$count(s.recipients)).toBe(127);
  }, 120_000);

  it('resumes an interrupted rotation onto the same key, and the CLI reports a wrong key instead of crashing', async () => {
    const keyFile = resolve(TMP_DIR, `${t.dbPath.split('/').pop()}.key`);
    const v2 = {
      ...t.config.keys!,
      current: 2,
      keys: new Map([...t.config.keys!.keys, [2, new Uint8Array(32).fill(5)]]),
    };
    writeKeyFile(keyFile, v2, 'replace');
    let batches = 0;
    await expect(
      rotateKeys(t.database.db, createCipher(v2), {
        now: t.clock.now(),
        batchSize: 30,
        onBatch: () => {
          batches++;
          if (batches === 2) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    const half = await t.database.db.select().from(s.recipients);
    expect(half.filter((r) => r.keyVersion === 2)).toHaveLength(60);

    const lines: string[] = [];
    const resolved: ResolvedKeys = { ring: readKeyFile(keyFile), source: 'file', file: keyFile };
    expect(await keysRotate(t.database.db, resolved, [], (l) => lines.push(l))).toBe(0);
    expect(JSON.parse(lines[0])).toMatchObject({ keyVersion: 2, recipients: 67, resumed: true });
    expect(readKeyFile(keyFile).current).toBe(2); // finished onto v2, no third key made
    expect((await t.database.db.select().from(s.recipients)).every((r) => r.keyVersion === 2)).toBe(true);
    expect(await t.database.db.$count(s.auditLog, eq(s.auditLog.action, 'rotate_keys'))).toBe(1);

    // The environment's flow: DATA_KEY is the new key; without the previous one the CLI says which is missing.
    const env = keyless({ DATABASE_URL: `file:${t.dbPath}` });
    const k3 = Buffer.alloc(32, 6).toString('base64');
    const missing = await cli(['keys', 'rotate'], {
      ...env,
      DATA_KEY: k3,
      DATA_KEY_VERSION: '3',
      DATA_LOOKUP_KEY: TEST_KEYS.DATA_LOOKUP_KEY,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no key for version v2');
    const wrong = await cli(['export', 'recipients', resolve(TMP_DIR, 'wrong.csv')], {
      ...env,
      DATA_KEY: k3,
      DATA_KEY_VERSION: '2',
      DATA_LOOKUP_KEY: TEST_KEYS.DATA_LOOKUP_KEY,
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('does not decrypt with the configured key v2');
    expect(wrong.stderr).not.toContain('is not a function');
    const rotated = await cli(['keys', 'rotate'], {
      ...env,
      DATA_KEY: k3,
      DATA_KEY_VERSION: '3',
      DATA_KEYS_PREVIOUS: `1:${TEST_KEYS.DATA_KEY},2:${Buffer.alloc(32, 5).toString('base64')}`,
      DATA_LOOKUP_KEY: TEST_KEYS.DATA_LOOKUP_KEY,
    });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(JSON.parse(rotated.stdout)).toMatchObject({ keyVersion: 3, recipients: 127, source: 'environment' });
    expect(readFileSync(keyFile, 'utf8')).toContain('"current": 2'); // the environment's flow never writes the file
  }, 120_000);
});
