import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createClient } from '@libsql/client';

/** The path of an embedded database URL, or null for a libSQL server (which has its own backups). */
export function filePathOf(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = url.slice('file:'.length).split('?')[0];
  return path && path !== ':memory:' ? resolve(path) : null;
}

function sqlString(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}

/**
 * A consistent online copy: VACUUM INTO reads one snapshot (WAL readers are not blocked by the writer), so the
 * server may keep writing while it runs. The copy is written beside the target and renamed into place.
 */
export async function backupTo(sourceUrl: string, target: string): Promise<{ bytes: number }> {
  if (!filePathOf(sourceUrl))
    throw new Error('backup works on an embedded database file; back up a libSQL server with its own tools');
  const dest = resolve(target);
  mkdirSync(dirname(dest), { recursive: true });
  const partial = `${dest}.partial`;
  rmSync(partial, { force: true });
  const client = createClient({ url: sourceUrl, timeout: 5000 });
  try {
    await client.execute(`VACUUM INTO ${sqlString(partial)}`);
  } finally {
    client.close();
  }
  renameSync(partial, dest);
  return { bytes: statSync(dest).size };
}

export interface IntegrityReport {
  ok: boolean;
  problems: string[];
}

/** PRAGMA integrity_check and foreign_key_check on a database file. */
export async function checkIntegrity(path: string): Promise<IntegrityReport> {
  if (!existsSync(path)) return { ok: false, problems: [`no such file: ${path}`] };
  const client = createClient({ url: `file:${path}` });
  try {
    const problems: string[] = [];
    const integrity = await client.execute('PRAGMA integrity_check');
    for (const row of integrity.rows) if (row[0] !== 'ok') problems.push(String(row[0]));
    const fk = await client.execute('PRAGMA foreign_key_check');
    for (const row of fk.rows) problems.push(`foreign key: ${row[0]} row ${row[1]} → ${row[2]}`);
    const tables = await client.execute(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'",
    );
    if (Number(tables.rows[0][0]) !== 1) problems.push('not a Shouwang database (no migration history)');
    return { ok: problems.length === 0, problems };
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  } finally {
    client.close();
  }
}

/** Replaces the database file with a checked backup. The server must be stopped: its open file would be replaced under it. */
export async function restoreFrom(backup: string, targetUrl: string): Promise<IntegrityReport> {
  const target = filePathOf(targetUrl);
  if (!target) throw new Error('restore works on an embedded database file');
  const report = await checkIntegrity(resolve(backup));
  if (!report.ok) return report;
  mkdirSync(dirname(target), { recursive: true });
  const staged = `${target}.restoring`;
  rmSync(staged, { force: true });
  await backupTo(`file:${resolve(backup)}`, staged);
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  renameSync(staged, target);
  return report;
}

/** Keeps the newest `keep` backups named shouwang-*.db in a folder; returns the names removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => /^shouwang-.*\.db$/.test(f))
    .sort();
  const old = files.slice(0, Math.max(0, files.length - keep));
  for (const f of old) rmSync(join(dir, f), { force: true });
  return old;
}
