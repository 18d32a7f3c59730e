import { parse as parseHtml } from 'node-html-parser';
import ical from 'node-ical';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../src/db/schema/index.js';
import { HOSTILE_ORGS } from '../fixtures/hostile-values.js';
import { type Browser, createTestApp, loginAs, ORIGIN, type TestApp } from '../setup/app.js';
import { databaseFingerprint } from '../setup/forms.js';
import { importSheet } from '../setup/imports.js';
import { column, Office } from '../setup/office.js';
import { type RegistryFixture, registryFixture, testIdNumber } from '../setup/registry.js';
import { addShift, addVolunteer } from '../setup/shifts.js';

/**
 * Every file Shouwang offers, opened by LibreOffice (calc and writer, headless) as a double-click would, and read
 * back as the user would see it. Requires `soffice` (.ci/run installs libreoffice-calc/-writer).
 */
let t: TestApp;
let f: RegistryFixture;
let admin: Browser;
let ids: string[];
let mobiles: string[];

const idWithX = (() => {
  for (let seq = 100; seq < 999; seq++) {
    const id = testIdNumber('19350406', seq);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no X check digit');
})();
const idZeros = testIdNumber('19350406', 88); // …0088…: a run of zeros spreadsheets would not keep in a float
const ACTIVITY_HEADER =
  '活动编号,日期,组织,活动类型,对象类型,对象,资金(元),物资名称,数量,单位,物资折价(元),服务时长(小时)';
// 8,667,000.00 + 1,234.56 + 0.07 yuan.
const TOTAL_YUAN = '8,668,234.63';

/** Uploads to an import page, expects its preview, confirms: every import goes through the same two steps. */
const importAt = async (path: string, name: string, bytes: Uint8Array) =>
  (await importSheet(admin, path, name, bytes)).done;
const importRegister = (register: string, name: string, bytes: Uint8Array) =>
  importAt(`/import/${register}`, name, bytes);

const bytesOf = async (res: Response) => {
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
};

beforeAll(async () => {
  t = await createTestApp();
  f = await registryFixture(t);
  admin = (await loginAs(t, 'county_admin')).browser;
  const now = t.clock.now();
  await t.database.db
    .insert(s.organisations)
    .values(HOSTILE_ORGS.map((o) => ({ ...o, kind: 'social_org' as const, createdAt: now, updatedAt: now })));
  const csv = [
    '姓名,身份证号,乡镇,村(社区),供养方式,自理能力,照料人,照料人电话',
    `周大伯,${idWithX},花石镇,花石村,分散供养,半失能,周小红,13800138000`,
    `吴奶奶,${idZeros},射埠镇,射埠村,分散供养,全失能,吴小军,15907310001`,
  ].join('\r\n');
  expect(await importRegister('recipients', 'r.csv', new TextEncoder().encode(csv))).toContain('新增 2 条');
  ids = [idWithX, idZeros, testIdNumber('19400312', 351), testIdNumber('19380705', 462)];
  mobiles = ['13800138000', '15907310001', '13812345678', '13987654321'];
  const activities = [
    ACTIVITY_HEADER,
    `A-1,2026-03-24,湘潭县阳光社工服务中心,真情慰问,分散供养户,${idWithX},8667000.00,,,,,`,
    'A-2,2026-05-25,湘潭县阳光社工服务中心,关爱帮扶,敬老院,花石镇区域性敬老院,,大米,20,袋,1234.56,',
    `A-3,2026-06-24,湘潭县春晖志愿者协会,入户走访,分散供养户,${idZeros},0.07,,,,,2.5`,
  ].join('\r\n');
  expect(await importAt('/activities/import', 'a.csv', new TextEncoder().encode(activities))).toContain('新增 3 条');
}, 120_000);

describe('registers opened in LibreOffice Calc', () => {
  it('shows every ID number and mobile digit for digit, and every hostile name exactly, from CSV and XLSX', async () => {
    const office = new Office();
    for (const format of ['csv', 'xlsx'] as const) {
      const recipients = await office.sheet(
        `recipients.${format}`,
        await bytesOf(await admin.post(`/export/recipients/${format}`)),
      );
      expect(column(recipients, '身份证号').sort(), format).toEqual([...ids].sort());
      expect(column(recipients, '照料人电话').sort(), format).toEqual([...mobiles].sort());
      const orgs = await office.sheet(
        `orgs.${format}`,
        await bytesOf(await admin.post(`/export/organisations/${format}`)),
      );
      const names = column(orgs, '名称');
      for (const o of HOSTILE_ORGS) {
        const row = names.indexOf(o.name);
        expect(row, `${format} ${o.name}`).toBeGreaterThanOrEqual(0);
        expect(column(orgs, '统一社会信用代码')[row], format).toBe(o.creditCode ?? '');
        expect(column(orgs, '联系电话')[row], format).toBe(o.contactPhone ?? '');
      }
      const volunteers = await office.sheet(
        `v.${format}`,
        await bytesOf(await admin.post(`/export/volunteers/${format}`)),
      );
      expect(volunteers[0]).toContain('手机号');
    }
  }, 180_000);

  it('re-imports a CSV that LibreOffice opened and saved again without changing anything', async () => {
    const office = new Office();
    const before = await databaseFingerprint(t.database.client, ['sessions', 'audit_log', 'import_uploads']);
    for (const register of ['organisations', 'recipients'] as const) {
      const saved = await office.convert(
        `${register}.csv`,
        await bytesOf(await admin.post(`/export/${register}/csv`)),
        'csv',
      );
      expect(await importRegister(register, `${register}-saved.csv`, new Uint8Array(saved))).toMatch(
        /新增 0 条，更新 0 条，不变 \d+ 条/,
      );
    }
    expect(await databaseFingerprint(t.database.client, ['sessions', 'audit_log', 'import_uploads'])).toBe(before);
  }, 180_000);
});

describe('activities and the annual report opened in LibreOffice', () => {
  it('keeps the activities’ ID numbers whole and their money summing to the ledger', async () => {
    const office = new Office();
    for (const format of ['csv', 'xlsx'] as const) {
      const rows = await office.sheet(`act.${format}`, await bytesOf(await admin.post(`/activities/export.${format}`)));
      expect(
        column(rows, '对象')
          .filter((x) => /^\d{17}[\dX]$/.test(x))
          .sort(),
      ).toEqual([idWithX, idZeros].sort());
      const cash = column(rows, '资金(元)').filter(Boolean);
      // XLSX money is a number shown with a thousands format; CSV money is a plain number (General format).
      expect(cash, format).toEqual(format === 'xlsx' ? ['8,667,000.00', '0.07'] : ['8667000', '0.07']);
    }
  }, 120_000);

  it('reads the report spreadsheet as numbers whose townships sum to the county total', async () => {
    const office = new Office();
    const total = (rows: string[][]) => rows.find((r) => r[0] === '合计')!;
    const xlsx = await office.sheet('r.xlsx', await bytesOf(await admin.post('/reports/aid.xlsx?year=2026')));
    const at = xlsx[0].indexOf('资金物资合计（元）');
    expect(total(xlsx)[at]).toBe(TOTAL_YUAN);
    const townships = xlsx.filter((r) => r[0] === '乡镇').map((r) => Number(r[at].replace(/,/g, '')) * 100);
    expect(Math.round(townships.reduce((a, b) => a + b, 0))).toBe(866_823_463);
    const csv = await office.sheet('r.csv', await bytesOf(await admin.post('/reports/aid.csv?year=2026')));
    expect(total(csv)[at]).toBe('8668234.63');
    expect(csv.filter((r) => r[0] === '月份').map((r) => r[1])).toEqual(['2026-03', '2026-05', '2026-06']);
  }, 120_000);

  it('prints the Word report on a few pages, tables in landscape, with both charts and grouped money', async () => {
    const office = new Office();
    const docx = await bytesOf(await admin.post('/reports/aid.docx?year=2026'));
    const { pages, images } = await office.pages('report.docx', docx);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(4);
    expect(pages[0].height).toBeGreaterThan(pages[0].width);
    expect(pages.at(-1)!.width).toBeGreaterThan(pages.at(-1)!.height);
    expect(images).toBeGreaterThanOrEqual(2);
    const text = await office.text('report.docx', docx);
    expect(text).toContain('湘潭县2026年特困人员帮扶工作汇总');
    expect(text).toContain(TOTAL_YUAN);
    expect(text).toContain('8,667,000.00');
  }, 120_000);
});

describe('the volunteer’s certificate and calendar', () => {
  it('prints rows and a total that add up, in one format, and a feed a calendar reads', async () => {
    const office = new Office();
    const minutes = [180, 200, 200, 210];
    const shifts = [];
    for (const [i, date] of ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28'].entries())
      shifts.push(await addShift(t, f, { date, title: `入户走访${i + 1}` }));
    t.clock.set('2026-11-29T05:00:00Z');
    const v = await addVolunteer(t, { townshipId: f.x.id, login: true, name: '李红' });
    const coord = (await loginAs(t, 'org_coordinator', { organisationId: f.orgA.id })).browser;
    for (const [i, shift] of shifts.entries()) {
      await t.database.db.insert(s.shiftSignups).values({
        shiftId: shift.id,
        volunteerId: v.id,
        status: 'confirmed',
        position: 1,
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      });
      const res = await coord.post(`/shifts/${shift.id}/roster/${v.id}/hours`, {
        attended: '1',
        minutes: String(minutes[i]),
      });
      expect(res.status).toBe(303);
    }
    const issued = await v.browser!.post('/shifts/certificate', { organisationId: String(f.orgA.id) });
    const location = issued.headers.get('location')!;
    const page = parseHtml(await (await v.browser!.get(location)).text());
    expect(page.querySelectorAll('#certificate-rows td:last-child').map((td) => td.text)).toEqual([
      '3.0',
      '3.3',
      '3.3',
      '3.5',
    ]);
    const text = await office.text('cert.docx', await bytesOf(await v.browser!.get(`${location}.docx`)));
    expect(text).toContain('累计服务 13.1 小时');
    expect(text).toContain(`编号：${location.split('/').pop()}`);
    expect(text).toContain('（盖章）');
    const figures = text.match(/^\d+\.\d$/gm);
    expect(figures).toEqual(['3.0', '3.3', '3.3', '3.5', '13.1']);

    const created = parseHtml(await (await v.browser!.post('/shifts/calendar')).text());
    const feed = created.querySelector('#feed-url')!.text.match(/(\/calendar\/[A-Za-z0-9_-]+\.ics)/)![1];
    const events = Object.values(ical.sync.parseICS(await (await t.app.request(ORIGIN + feed)).text())).filter(
      (e) => e?.type === 'VEVENT',
    ) as ical.VEvent[];
    expect(events.map((e) => String(e.summary)).sort()).toEqual(['入户走访1', '入户走访2', '入户走访3', '入户走访4']);
  }, 120_000);
});
