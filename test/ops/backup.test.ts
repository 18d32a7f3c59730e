import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { auditLog, townships } from '../../src/db/schema/index.js';
import { backupTo, checkIntegrity, pruneBackups, restoreFrom } from '../../src/ops/backup.js';
import { freshDatabase } from '../setup/app.js';
import { ROOT, TMP_DIR } from '../setup/paths.js';

const tmp = (name: string) => resolve(TMP_DIR, `${randomUUID()}-${name}`);

async function counts(url: string) {
  const d = await openDatabase(url);
  const t = await d.db.$count(townships);
  const a = await d.db.$count(auditLog, eq(auditLog.action, 'load'));
  d.close();
  return { townships: t, audits: a };
}

describe('backup and restore', () => {
  it('takes a consistent copy while another process writes, and restores it intact', async () => {
    const { database, path } = await freshDatabase();
    database.close();
    const url = `file:${path}`;
    // node itself (not the tsx wrapper, which would leave the real process running after SIGKILL).
    const writer = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/writer.ts', url], { cwd: ROOT });
    let acknowledged = -1;
    let errors = '';
    writer.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    const exited = new Promise((r) => writer.on('close', r));
    writer.stdout.on('data', (d: Buffer) => {
      const lines = d.toString().trim().split('\n');
      acknowledged = Number(lines[lines.length - 1]);
    });
    await expect.poll(() => (errors ? errors : acknowledged), { timeout: 20_000 }).toBeGreaterThan(200);

    const copy = tmp('backup.db');
    await backupTo(url, copy);
    const writtenAfter = acknowledged;
    await expect.poll(() => (errors ? errors : acknowledged), { timeout: 20_000 }).toBeGreaterThan(writtenAfter + 50);
    writer.kill('SIGKILL');
    await exited;

    expect(await checkIntegrity(copy)).toEqual({ ok: true, problems: [] });
    const inCopy = await counts(`file:${copy}`);
    // Every batch wrote two rows together: a consistent snapshot has exactly as many of each.
    expect(inCopy.townships).toBe(inCopy.audits);
    expect(inCopy.townships).toBeGreaterThan(200);
    const live = await counts(url);
    expect(live.townships).toBeGreaterThan(inCopy.townships);

    const restoredUrl = `file:${tmp('restored.db')}`;
    expect((await restoreFrom(copy, restoredUrl)).ok).toBe(true);
    expect(await counts(restoredUrl)).toEqual(inCopy);
  }, 60_000);

  it('refuses to restore a damaged file and leaves the database alone', async () => {
    const { database, path } = await freshDatabase();
    await database.db.insert(townships).values({ name: '花石镇', createdAt: new Date() });
    database.close();
    const junk = tmp('junk.db');
    writeFileSync(junk, 'SQLite format 3\0 this is not really a database');
    const report = await restoreFrom(junk, `file:${path}`);
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
    const d = await openDatabase(`file:${path}`);
    expect((await d.db.select().from(townships).all()).map((t) => t.name)).toEqual(['花石镇']);
    expect((await d.db.run(sql`PRAGMA integrity_check`)).rows[0][0]).toBe('ok');
    d.close();
  });

  it('keeps only the newest backups', () => {
    const dir = tmp('backups');
    mkdirSync(dir);
    for (const day of ['01', '02', '03', '04']) writeFileSync(resolve(dir, `shouwang-202611${day}T183000Z.db`), '');
    writeFileSync(resolve(dir, 'notes.txt'), '');
    expect(pruneBackups(dir, 2)).toEqual(['shouwang-20261101T183000Z.db', 'shouwang-20261102T183000Z.db']);
    expect(readdirSync(dir).sort()).toEqual([
      'notes.txt',
      'shouwang-20261103T183000Z.db',
      'shouwang-20261104T183000Z.db',
    ]);
  });
});
