import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { recipients } from '../../src/db/schema/index.js';
import type { Browser, TestApp } from '../setup/app.js';
import { databaseFingerprint } from '../setup/forms.js';
import { importSheet } from '../setup/imports.js';
import { type RegistryFixture, type RoleName, registryApp, testIdNumber } from '../setup/registry.js';

let t: TestApp;
let f: RegistryFixture;
let as: Record<RoleName, Browser>;
beforeEach(async () => {
  ({ t, f, as } = await registryApp());
});

const HEADER = '姓名,身份证号,乡镇,村(社区),供养方式,自理能力,供养机构,照料人,照料人电话,协议类型,协议签订日期';

const upload = (b: Browser, csv: string) => b.upload('/import/recipients', 'r.csv', new TextEncoder().encode(csv));

async function importCsv(csv: string) {
  await importSheet(as.stationX, '/import/recipients', 'r.csv', new TextEncoder().encode(csv));
}

const stored = (name: string) => t.database.db.select().from(recipients).where(eq(recipients.name, name)).get();

describe('recipients import: the seed’s words and the statutory wording', () => {
  it('reads every care-level word: app, seed (全护理/半护理) and statute (…丧失生活自理能力/具备…)', async () => {
    const words: [string, 'self' | 'partial' | 'full'][] = [
      ['全自理', 'self'],
      ['具备生活自理能力', 'self'],
      ['半失能', 'partial'],
      ['半护理', 'partial'],
      ['部分丧失生活自理能力', 'partial'],
      ['全失能', 'full'],
      ['全护理', 'full'],
      ['完全丧失生活自理能力', 'full'],
    ];
    const rows = words.map(
      ([word], i) =>
        `护理${i},${testIdNumber('19400101', 300 + i)},花石镇,花石村,分散供养,${word},,,,四方协议,2026-01-0${i + 1}`,
    );
    await importCsv([HEADER, ...rows].join('\n'));
    for (const [i, [word, level]] of words.entries()) expect((await stored(`护理${i}`))?.careLevel, word).toBe(level);
  });

  it('reads 三方协议 / 四方协议 beside 三方 / 四方, and an end date column', async () => {
    await importCsv(
      [
        `${HEADER},协议到期日`,
        `院一,${testIdNumber('19400202', 401)},花石镇,,集中供养,全护理,花石镇区域性敬老院,,,三方协议,2025-03-01,2028-02-29`,
        `院二,${testIdNumber('19400202', 402)},花石镇,,集中供养,全自理,花石镇区域性敬老院,,,三方,2025-03-01,`,
        `家一,${testIdNumber('19400202', 403)},花石镇,新塘村,分散供养,半护理,,,,四方协议,2024/5/6,`,
        `家二,${testIdNumber('19400202', 404)},花石镇,新塘村,分散供养,全自理,,,,四方,2024/5/6,`,
      ].join('\n'),
    );
    expect(await stored('院一')).toMatchObject({ agreementKind: 'three', agreementEndsOn: '2028-02-29' });
    expect(await stored('院二')).toMatchObject({ agreementKind: 'three', agreementEndsOn: null });
    expect(await stored('家一')).toMatchObject({ agreementKind: 'four', agreementSignedOn: '2024-05-06' });
    expect(await stored('家二')).toMatchObject({ agreementKind: 'four' });
  });

  it('refuses unknown words with the row and every accepted word, and a kind the support mode does not sign', async () => {
    const before = await databaseFingerprint(t.database.client, ['sessions', 'login_failures']);
    const res = await upload(
      as.stationX,
      [
        HEADER,
        `坏一,${testIdNumber('19400303', 501)},花石镇,,分散供养,半自理,,,,四方,2026-01-01`,
        `坏二,${testIdNumber('19400303', 502)},花石镇,,分散供养,全自理,,,,两方协议,2026-01-01`,
        `坏三,${testIdNumber('19400303', 503)},花石镇,,分散供养,全自理,,,,三方协议,2026-01-01`,
        `坏四,${testIdNumber('19400303', 504)},花石镇,,集中供养,全自理,花石镇区域性敬老院,,,四方,2026-01-01`,
      ].join('\n'),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(
      '第 2 行「自理能力」：「半自理」不是有效选项，可选：全自理 / 具备生活自理能力 / 半失能 / 半护理 / 部分丧失生活自理能力 / 全失能 / 全护理 / 完全丧失生活自理能力。',
    );
    expect(html).toContain(
      '第 3 行「协议类型」：「两方协议」不是有效选项，可选：三方 / 三方协议 / 三方照料护理协议 / 四方 / 四方协议 / 四方照料护理协议。',
    );
    expect(html).toContain('第 4 行「协议类型」：分散供养应签四方协议');
    expect(html).toContain('第 5 行「协议类型」：集中供养应签三方协议');
    expect(await databaseFingerprint(t.database.client, ['sessions', 'login_failures'])).toBe(before);
  });

  it('gives imported agreements the county term from a new signing date, and leaves unchanged ones alone', async () => {
    expect((await as.admin.post('/recipients/agreements/term', { termYears: '2' })).status).toBe(303);
    // 张老汉 is re-imported with his signing date unchanged: nothing changes; 新人 is new: signed + 2 years.
    const zhang = await t.database.db.select().from(recipients).where(eq(recipients.id, f.rx.id)).get();
    const zhangId = await f.cipher.decrypt(zhang!.idNumberEnc);
    await importCsv(
      [
        HEADER,
        `张老汉,${zhangId},花石镇,花石村,分散供养,半失能,,照料人,13812345678,四方,2026-03-01`,
        `新人,${testIdNumber('19400404', 601)},花石镇,花石村,分散供养,全自理,,,,四方协议,2026-06-15`,
      ].join('\n'),
    );
    expect((await stored('张老汉'))!.agreementEndsOn).toBeNull();
    expect((await stored('新人'))!.agreementEndsOn).toBe('2028-06-15');
  });
});
