import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.js';
import { freshDatabase } from '../setup/app.js';
import { ROOT } from '../setup/paths.js';

/**
 * Kill -9 a writer at random moments, 30 times, on the same database file: after each kill the file is intact,
 * every write the writer acknowledged is there, and no batch is half-written.
 */
describe('crash safety', () => {
  it('survives 30 SIGKILLs mid-write with every acknowledged write intact', async () => {
    const { database, path } = await freshDatabase();
    database.close();
    const url = `file:${path}`;
    const acknowledged = new Set<number>();
    let offset = 0;
    for (let round = 0; round < 30; round++) {
      const writer = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/writer.ts', url, String(offset)], { cwd: ROOT });
      const exited = new Promise((r) => writer.on('close', r));
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
      // Let it get going, then kill it at a random moment.
      await expect.poll(() => seen, { timeout: 20_000, interval: 5 }).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      writer.kill('SIGKILL');
      await exited;
      offset += 1_000_000;

      const check = await openDatabase(url);
      expect((await check.db.run(sql`PRAGMA integrity_check`)).rows[0][0]).toBe('ok');
      const townshipIds = new Set((await check.db.all<{ name: string }>(sql`SELECT name FROM townships`)).map((r) => Number(r.name.slice(5))));
      const auditIds = new Set((await check.db.all<{ id: string }>(sql`SELECT entity_id AS id FROM audit_log WHERE action = 'load'`)).map((r) => Number(r.id)));
      check.close();
      for (const id of acknowledged) expect(townshipIds.has(id), `acknowledged write ${id} lost`).toBe(true);
      // Both rows of a batch, or neither.
      expect([...townshipIds].sort()).toEqual([...auditIds].sort());
    }
    expect(acknowledged.size).toBeGreaterThan(30);
  }, 120_000);
});
