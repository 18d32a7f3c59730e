import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { idCheckChar } from '../../src/domain/id-number.js';
import { sweepUploadsJob } from '../../src/jobs/sweep-uploads.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { backupTo } from '../../src/ops/backup.js';
import type { Browser, TestApp } from '../setup/app.js';
import { tokenIn } from '../setup/imports.js';
import { TMP_DIR } from '../setup/paths.js';
import { type RegistryFixture, type RoleName, registryApp, testIdNumber } from '../setup/registry.js';

const HEADER = '姓名,身份证号,乡镇,村(社区),供养方式,自理能力,供养机构,照料人,照料人电话,协议类型,协议签订日期';

interface Person {
  name: string;
  id: string;
  township: string;
  village: string;
}

const csvOf = (people: Person[]) =>
  [
    HEADER,
    ...people.map((p) => `${p.name},${p.id},${p.township},${p.village},分散供养,全自理,,,,四方,2026-03-05`),
  ].join('\n');

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

async function preview(b: Browser, text: string) {
  const res = await b.upload('/import/recipients', '特困人员.csv', new TextEncoder().encode(text));
  const html = await res.text();
  expect(res.status, html.slice(0, 1000)).toBe(200);
  return tokenIn(html)!;
}

async function importPeople(b: Browser, people: Person[]) {
  const token = await preview(b, csvOf(people));
  const done = await b.post('/import/recipients/confirm', { token });
  expect(done.status).toBe(200);
  expect(await done.text()).toContain(`新增 ${people.length} 条`);
}

/** Every way a birth date (or the whole number) could be written into a file. */
function needles(id: string) {
  const [y, m, d] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)];
  return [id, id.toLowerCase(), `${y}${m}${d}`, `${y}-${m}-${d}`];
}

const person = (i: number, birth: string, seq: number): Person => ({
  name: `居民${i}`,
  id: testIdNumber(birth, seq),
  township: '花石镇',
  village: '花石村',
});

describe('identities at rest', () => {
  it('after an import, the database file, its WAL and a backup hold no ID number and no birth date of the people', async () => {
    const imported = [person(1, '19410203', 135), person(2, '19390708', 246), person(3, '19521130', 357)];
    await importPeople(as.admin, imported);
    // A preview nobody confirmed stays in the database for a while: it must not carry its people in clear either.
    const abandoned = [person(4, '19480514', 468), person(5, '19361222', 579)];
    await preview(as.admin, csvOf(abandoned));
    expect(await t.database.db.$count(s.importUploads)).toBe(1);

    const backup = resolve(TMP_DIR, `identity-backup-${Date.now()}.db`);
    await backupTo(`file:${t.dbPath}`, backup);
    const files = {
      live: Buffer.concat([readFileSync(t.dbPath), readFileSync(`${t.dbPath}-wal`)]),
      backup: readFileSync(backup),
    };
    await t.database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    files.live = Buffer.concat([files.live, readFileSync(t.dbPath)]);
    // A positive control: the files read are the ones holding these people (their masked numbers are there).
    const masked = `${imported[0].id.slice(0, 6)}********${imported[0].id.slice(14)}`;
    expect(files.live.includes(masked) && files.backup.includes(masked)).toBe(true);
    for (const p of [...imported, ...abandoned])
      for (const needle of needles(p.id))
        for (const [which, bytes] of Object.entries(files))
          expect(bytes.includes(needle), `${needle} in ${which}`).toBe(false);
    // The import did land: the register finds them, masked.
    expect(await (await as.admin.get('/recipients?q=居民')).text()).toContain('430321********');
  });

  it('shows the birth date only with the audited reveal', async () => {
    const page = await (await as.admin.get(`/recipients/${f.rx.id}`)).text();
    expect(page).not.toContain('1940-03-12');
    expect(page).toContain('****-**-**');
    const revealed = await (await as.admin.post(`/recipients/${f.rx.id}/reveal`)).text();
    expect(revealed).toContain('1940-03-12');
    expect(await t.database.db.$count(s.auditLog, eq(s.auditLog.action, 'reveal'))).toBe(1);
  });

  it('for random recipients, no combination of the clear columns rebuilds an ID number', async () => {
    let n = 0;
    const birth = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2010-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
    const area = fc.constantFrom('430321', '430302', '430381', '110105', '440305');
    const idArb = fc.tuple(area, birth, fc.integer({ min: 0, max: 999 })).map(([a, b, q]) => {
      const first17 = `${a}${b}${String(q).padStart(3, '0')}`;
      return first17 + idCheckChar(first17);
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(idArb, { minLength: 1, maxLength: 8 }), async (ids) => {
        const people = ids.map((id) => ({ name: `随机${++n}`, id, township: '花石镇', village: '新塘村' }));
        await importPeople(as.admin, people);
        for (const p of people) {
          const row = await t.database.db.select().from(s.recipients).where(eq(s.recipients.name, p.name)).get();
          const audit = await t.database.db
            .select()
            .from(s.auditLog)
            .where(eq(s.auditLog.entityId, String(row!.id)));
          // Everything an attacker with the file but not the key reads about this person.
          const clear = Object.entries(row!)
            .filter(([k]) => !k.endsWith('Enc') && !k.endsWith('Hash'))
            .map(([, v]) => (v instanceof Date ? v.toISOString() : String(v)))
            .concat(audit.map((a) => JSON.stringify(a)));
          expect(rebuilds(clear, p.id), p.id).toBe(false);
          expect(candidates(row!.idNumberMasked, row!.gender)).toBeGreaterThanOrEqual(1000);
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});

/**
 * The attack of the review, generalised: every digit string and date found in the clear values, put into the
 * masked gap (or read whole), and checked against the real number.
 */
function rebuilds(clear: string[], id: string): boolean {
  const text = clear.join(' ');
  if (text.toUpperCase().includes(id)) return true;
  const masked = clear.find((v) => /^\d{6}\*{8}\d{3}[\dX]$/.test(v));
  if (!masked) return /\d{17}[\dX]/.test(text);
  const fills = new Set<string>();
  for (const m of text.matchAll(/(\d{4})-?(\d{2})-?(\d{2})/g)) fills.add(`${m[1]}${m[2]}${m[3]}`);
  for (const m of text.matchAll(/\d{8,}/g)) for (let i = 0; i + 8 <= m[0].length; i++) fills.add(m[0].slice(i, i + 8));
  return [...fills].some((fill) => masked.slice(0, 6) + fill + masked.slice(14) === id);
}

/** How many valid ID numbers fit the masked form and the gender: the attacker's remaining guesses. */
function candidates(masked: string, gender: 'M' | 'F'): number {
  let count = 0;
  const last4 = masked.slice(14);
  if ((Number(last4[2]) % 2 === 1 ? 'M' : 'F') !== gender) return 0;
  for (let d = Date.UTC(1880, 0, 1); d <= Date.UTC(2026, 11, 1); d += 86_400_000) {
    const date = new Date(d).toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = masked.slice(0, 6) + date + last4.slice(0, 3);
    if (idCheckChar(first17) === last4[3]) count++;
  }
  return count;
}

describe('kept uploads', () => {
  it('are encrypted while kept, deleted on confirm and on a rejected confirm', async () => {
    const people = [person(6, '19450101', 111)];
    const token = await preview(as.stationX, csvOf(people));
    const kept = await t.database.db.select().from(s.importUploads).get();
    const stored = Buffer.from(kept!.bytes).toString('utf8');
    expect(stored.startsWith('v1:')).toBe(true);
    expect(stored).not.toContain(people[0].id);
    expect(kept!.fileName.startsWith('v1:')).toBe(true);
    expect(kept!.fileName).not.toContain('特困');
    expect((await as.stationX.post('/import/recipients/confirm', { token })).status).toBe(200);
    expect(await t.database.db.$count(s.importUploads)).toBe(0);

    // Between the preview and the confirmation someone else registers the person in another township:
    // the confirmation is refused, and the kept file goes with it.
    const other = person(7, '19470707', 222);
    const late = await preview(as.stationX, csvOf([other]));
    await importPeople(as.admin, [{ ...other, township: '射埠镇', village: '射埠村' }]);
    const refused = await as.stationX.post('/import/recipients/confirm', { token: late });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('不属于您所在的乡镇');
    expect(await t.database.db.$count(s.importUploads)).toBe(0);
    expect((await as.stationX.post('/import/recipients/confirm', { token: late })).status).toBe(422);
  });

  it('are deleted when their uploader discards the preview, and only by them', async () => {
    const token = await preview(as.stationX, csvOf([person(10, '19520202', 555)]));
    expect((await as.stationY.post('/import/recipients/discard', { token })).status).toBe(200);
    expect(await t.database.db.$count(s.importUploads)).toBe(1); // another station's token deletes nothing
    const discarded = await as.stationX.post('/import/recipients/discard', { token });
    expect(discarded.status).toBe(200);
    expect(await discarded.text()).toContain('已放弃导入，上传的文件已删除。');
    expect(await t.database.db.$count(s.importUploads)).toBe(0);
    expect((await as.stationX.post('/import/recipients/confirm', { token })).status).toBe(422);
    expect(await t.database.db.$count(s.recipients)).toBe(2);
  });

  it('are swept by the sweep-uploads job once abandoned', async () => {
    await preview(as.admin, csvOf([person(8, '19500505', 333)]));
    t.clock.advance(20 * 60_000);
    const recent = await preview(as.stationX, csvOf([person(9, '19510606', 444)]));
    const ctx = { db: t.database.db, config: t.config, logger: memoryLogger() };
    expect(await sweepUploadsJob.run({ ...ctx, now: t.clock.now() })).toMatchObject({ removed: 0 });
    t.clock.advance(15 * 60_000); // the first is 35 minutes old, the second 15
    expect(await sweepUploadsJob.run({ ...ctx, now: t.clock.now() })).toMatchObject({ removed: 1 });
    const left = await t.database.db.select().from(s.importUploads);
    expect(left.map((u) => u.token)).toEqual([recent]);
  });
});
