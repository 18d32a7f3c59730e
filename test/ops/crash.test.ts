import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { createTestApp } from '../setup/app.js';
import { ROOT } from '../setup/paths.js';
import { registryFixture } from '../setup/registry.js';

/**
 * Kill -9 a process recording ledger activities at random moments, 30 times, on the same file: after each kill the
 * file is intact, every activity the writer acknowledged is there, and no activity is half-written (each has its
 * target and both lines, and the monthly roll-up agrees with the lines).
 */
describe('crash safety', () => {
  it('survives 30 SIGKILLs mid-write with every acknowledged activity whole', async () => {
    const t = await createTestApp();
    const f = await registryFixture(t);
    t.database.close();
    const url = `file:${t.dbPath}`;
    const acknowledged = new Set<number>();
    for (let round = 0; round < 30; round++) {
      const writer = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'test/fixtures/ledger-writer.ts',
          url,
          String(f.orgA.id),
          String(f.rx.id),
          String(round * 1_000_000),
        ],
        { cwd: ROOT },
      );
      const exited = new Promise((r) => writer.on('close', r));
      let errors = '';
      writer.stderr.on('data', (d: Buffer) => (errors += d.toString()));
      let buffer = '';
      let seen = 0;
      writer.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) {
          acknowledged.add(Number(line));
          seen++;
        }
      });
      // Starting a process can take seconds on a busy 2-core machine: wait generously for its first write.
      await expect.poll(() => (errors ? errors : seen), { timeout: 60_000, interval: 5 }).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      writer.kill('SIGKILL');
      await exited;

      const check = await openDatabase(url);
      expect((await check.db.run(sql`PRAGMA integrity_check`)).rows[0][0]).toBe('ok');
      const ids = new Set(
        (await check.db.all<{ id: number }>(sql`SELECT id FROM activities`)).map((r) => Number(r.id)),
      );
      for (const id of acknowledged) expect(ids.has(id), `acknowledged activity ${id} lost`).toBe(true);
      const broken = await check.db.all(sql`
        SELECT a.id FROM activities a
        WHERE (SELECT count(*) FROM ledger_lines l WHERE l.activity_id = a.id) <> 2
           OR (SELECT count(*) FROM activity_targets x WHERE x.activity_id = a.id) <> 1`);
      expect(broken, 'half-written activities').toEqual([]);
      const [{ lines, rollup }] = await check.db.all<{ lines: number; rollup: number }>(sql`
        SELECT (SELECT coalesce(sum(amount_fen), 0) FROM ledger_lines) AS lines,
               (SELECT coalesce(sum(cash_fen + goods_fen), 0) FROM aid_monthly) AS rollup`);
      expect(Number(rollup)).toBe(Number(lines));
      check.close();
    }
    expect(acknowledged.size).toBeGreaterThan(30);
  }, 600_000);
});
