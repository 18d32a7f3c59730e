import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { RECIPIENT_COLUMNS } from '../../src/modules/registry/formats.js';
import { xlsxBomb } from '../fixtures/zip-bomb.js';
import { createTestApp, loginAs, ORIGIN } from '../setup/app.js';
import { databaseFingerprint } from '../setup/forms.js';
import { BASE_DB, ROOT, TMP_DIR } from '../setup/paths.js';

const HEADERS = RECIPIENT_COLUMNS.map((c) => c.zh);

/** `cli import recipients FILE` in a child process, with its peak RSS (KiB) reported at exit. */
function importInChild(file: string): Promise<{ code: number; stderr: string; maxRssMiB: number }> {
  const db = resolve(TMP_DIR, `bomb-${randomUUID()}.db`);
  const rssFile = `${db}.maxrss`;
  copyFileSync(BASE_DB, db);
  return new Promise((done, fail) => {
    const child = spawn(
      resolve(ROOT, 'node_modules/.bin/tsx'),
      ['--import', './test/fixtures/max-rss.mjs', 'src/cli.ts', 'import', 'recipients', file],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${db}`, MAXRSS_FILE: rssFile } },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      const kib = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : Number.NaN;
      done({ code: code ?? -1, stderr, maxRssMiB: kib / 1024 });
    });
  });
}

describe('an .xlsx zip bomb', () => {
  it('is refused by the importer with memory bounded, honest or lying about its sizes', async () => {
    // Baseline in the same run: an ordinary 2,000-row file read to the end (its rows fail validation).
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名单');
    sheet.addRow(HEADERS);
    for (let i = 0; i < 2000; i++) sheet.addRow([`某${i}`, '430321193504060886', '无此镇', '', '分散供养', '全自理']);
    const ordinary = resolve(TMP_DIR, `ordinary-${randomUUID()}.xlsx`);
    writeFileSync(ordinary, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const honest = resolve(TMP_DIR, `bomb-${randomUUID()}.xlsx`);
    writeFileSync(honest, await xlsxBomb(HEADERS, 1024));
    const lying = resolve(TMP_DIR, `bomb-lying-${randomUUID()}.xlsx`);
    writeFileSync(lying, await xlsxBomb(HEADERS, 1024, true));

    const base = await importInChild(ordinary);
    expect(base.code).toBe(1);
    expect(base.stderr).toContain('第 2 行');
    for (const file of [honest, lying]) {
      const run = await importInChild(file);
      console.log(
        `zip bomb import: peak RSS ${run.maxRssMiB.toFixed(0)} MiB; ordinary file ${base.maxRssMiB.toFixed(0)} MiB`,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('解压后过大或压缩比异常');
      // 1 GiB of sheet XML, never inflated in memory: the bomb costs no more than an ordinary file plus slack.
      expect(run.maxRssMiB).toBeLessThan(base.maxRssMiB + 64);
    }
  }, 120_000);

  it('is refused over HTTP with a clear message in the user language, changing nothing', async () => {
    const t = await createTestApp();
    const { browser } = await loginAs(t, 'county_admin');
    const bomb = await xlsxBomb(HEADERS, 512);
    const send = async () => {
      const form = new FormData();
      form.append('file', new File([bomb as Uint8Array<ArrayBuffer>], 'bomb.xlsx'));
      const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      return t.app.request(`${ORIGIN}/import/recipients`, {
        method: 'POST',
        body: form,
        headers: { origin: ORIGIN, cookie },
      });
    };
    const fingerprint = () => databaseFingerprint(t.database.client, ['sessions']);
    let before = await fingerprint();
    const zh = await send();
    expect(zh.status).toBe(422);
    expect(await zh.text()).toContain('该 .xlsx 文件解压后过大或压缩比异常');
    expect(await fingerprint()).toBe(before);
    await browser.post('/lang', { locale: 'en', back: '/' });
    before = await fingerprint();
    const en = await send();
    expect(en.status).toBe(422);
    expect(await en.text()).toContain('unpacks too large or is compressed suspiciously well');
    expect(await fingerprint()).toBe(before);
  });
});
