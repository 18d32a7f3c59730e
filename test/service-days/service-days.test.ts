import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { openDatabase } from '../../src/db/client.js';
import * as s from '../../src/db/schema/index.js';
import type { Config } from '../../src/env.js';
import { serviceDaysJob } from '../../src/jobs/service-days.js';
import { memoryLogger } from '../../src/lib/logger.js';
import { createTestApp } from '../setup/app.js';
import { runCli } from '../setup/cli.js';
import { addVolunteer, registryFixture } from '../setup/shifts.js';

const cli = (args: string[], dbUrl: string, tz: string) => runCli(args, { DATABASE_URL: dbUrl, TZ: tz });

const run = (db: Db, config: Config, iso: string) =>
  serviceDaysJob.run({ db, config, now: new Date(iso), logger: memoryLogger() });

describe('service-days job', () => {
  it('gives the same days at 23:59 and 00:01 around a month boundary whether the server runs in UTC or Shanghai', async () => {
    const cases = ['2026-11-30T23:59:00+08:00', '2026-12-01T00:01:00+08:00'];
    const seen: Record<string, unknown[]> = {};
    await Promise.all(
      cases.flatMap((now) =>
        ['UTC', 'Asia/Shanghai'].map(async (tz) => {
          const t = await createTestApp();
          await registryFixture(t);
          t.database.close();
          const url = `file:${t.dbPath}`;
          const job = await cli(['jobs', 'run', 'service-days', '--now', now], url, tz);
          expect(job.code, job.stderr).toBe(0);
          const list = await cli(
            ['service-days', 'list', '--from', '2026-11-01', '--to', '2027-03-31', '--json'],
            url,
            tz,
          );
          expect(list.code, list.stderr).toBe(0);
          seen[now] ??= [];
          seen[now].push(JSON.parse(list.stdout));
        }),
      ),
    );
    const [before, after] = cases.map(
      (c) =>
        seen[c] as {
          date: string;
          shifts: {
            township: string;
            title: string;
            starts_at: string;
            capacity: number;
            confirmed: number;
            waitlisted: number;
          }[];
        }[][],
    );
    expect(before[0]).toEqual(before[1]);
    expect(after[0]).toEqual(after[1]);
    expect(before[0].map((d) => d.date)).toEqual([
      '2026-11-24',
      '2026-11-25',
      '2026-12-24',
      '2026-12-25',
      '2027-01-24',
      '2027-01-25',
    ]);
    expect(after[0].map((d) => d.date)).toEqual([
      '2026-12-24',
      '2026-12-25',
      '2027-01-24',
      '2027-01-25',
      '2027-02-24',
      '2027-02-25',
    ]);
    // Past days get no shifts; each future day gets both stations' morning and afternoon.
    expect(before[0][0].shifts).toEqual([]);
    const dec24 = after[0][0];
    expect(dec24.shifts).toHaveLength(4);
    expect(dec24.shifts[0]).toEqual({
      township: dec24.shifts[0].township,
      organisation: expect.stringContaining('社工站'),
      title: '上午入户走访',
      starts_at: '2026-12-24T00:30:00.000Z',
      ends_at: '2026-12-24T04:00:00.000Z',
      capacity: 10,
      confirmed: 0,
      waitlisted: 0,
    });
  }, 60_000);

  it('is idempotent: a second run the same day and a run the next day add nothing', async () => {
    const t = await createTestApp();
    await registryFixture(t);
    const db = t.database.db;
    const first = await run(db, t.config, '2026-11-10T01:00:00Z');
    expect(first).toMatchObject({ serviceDaysAdded: 6, shiftsAdded: 2 * 2 * 6, templatesAdded: 4 });
    const again = await run(db, t.config, '2026-11-10T02:00:00Z');
    expect(again).toMatchObject({ slot: '2026-11-10', serviceDaysAdded: 0, shiftsAdded: 0, templatesAdded: 0 });
    const next = await run(db, t.config, '2026-11-11T01:00:00Z');
    expect(next).toMatchObject({ serviceDaysAdded: 0, shiftsAdded: 0, templatesAdded: 0 });
    expect(await db.$count(s.shifts)).toBe(24);
    expect(await db.$count(s.serviceDays)).toBe(6);
    expect(await db.$count(s.jobRuns)).toBe(2);
  });

  it('creates each day and shift once when two processes run at the same moment, and when two different days race', async () => {
    const t = await createTestApp({ SERVICE_DAYS: '24, 25' });
    await registryFixture(t);
    const clients = await Promise.all([1, 2, 3, 4].map(() => openDatabase(`file:${t.dbPath}`)));
    try {
      const same = await Promise.all(clients.slice(0, 2).map((c) => run(c.db, t.config, '2026-11-10T01:00:00Z')));
      // Both do their work; between them each shift is made once.
      expect(same.map((r) => r.shiftsAdded).sort()).toEqual([0, 24]);
      const days = await Promise.all(
        clients.slice(2).map((c, i) => run(c.db, t.config, `2026-12-0${i + 1}T01:00:00Z`)),
      );
      expect(days.map((r) => r.shiftsAdded).sort()).toEqual([0, 8]);
    } finally {
      for (const c of clients) c.close();
    }
    const rows = await t.database.db.select().from(s.shifts);
    expect(new Set(rows.map((r) => `${r.templateId}/${r.date}`)).size).toBe(rows.length);
    // Nov, Dec, Jan from the first run, plus Feb from the December runs: 8 days × 4 templates.
    expect(rows).toHaveLength(32);
    expect(await t.database.db.$count(s.serviceDays)).toBe(8);
  });

  it('applies a template change only to future shifts that nobody edited or holds', async () => {
    const t = await createTestApp();
    const f = await registryFixture(t);
    const db = t.database.db;
    await run(db, t.config, '2026-11-10T01:00:00Z');
    const [morning] = await db
      .select()
      .from(s.shiftTemplates)
      .where(and(eq(s.shiftTemplates.organisationId, f.stationX.id), eq(s.shiftTemplates.startTime, '08:30')));
    const shiftsOf = () => db.select().from(s.shifts).where(eq(s.shifts.templateId, morning.id)).orderBy(s.shifts.date);
    const [nov24, nov25, dec24] = await shiftsOf();
    await db.update(s.shifts).set({ edited: true, title: '手改的班次' }).where(eq(s.shifts.id, nov25.id));
    const v = await addVolunteer(t, { townshipId: f.x.id });
    await db.insert(s.shiftSignups).values({
      shiftId: dec24.id,
      volunteerId: v.id,
      status: 'confirmed',
      position: 1,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await db
      .update(s.shiftTemplates)
      .set({ capacity: 25, startTime: '09:00', updatedAt: new Date('2026-11-24T05:00:00Z') })
      .where(eq(s.shiftTemplates.id, morning.id));

    // On the 24th itself: that day's shift is no longer future.
    const result = await run(db, t.config, '2026-11-24T06:00:00Z');
    expect(result).toMatchObject({ shiftsAdded: 0, shiftsUpdated: 3 });
    const after = await shiftsOf();
    const byId = new Map(after.map((r) => [r.id, r]));
    expect(byId.get(nov24.id)).toMatchObject({ capacity: 10, startTime: '08:30' });
    expect(byId.get(nov25.id)).toMatchObject({ capacity: 10, title: '手改的班次' });
    expect(byId.get(dec24.id)).toMatchObject({ capacity: 10, startTime: '08:30' });
    const changed = after.filter((r) => r.date > '2026-12-24');
    expect(changed).toHaveLength(3);
    for (const r of changed) {
      expect(r).toMatchObject({ capacity: 25, startTime: '09:00' });
      expect(r.startsAt.toISOString()).toBe(`${r.date}T01:00:00.000Z`);
    }
  });
});
