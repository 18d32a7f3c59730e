// Node only: the key file that keeps a deployment's data keys when the environment sets no DATA_KEY
// (decision 0080). The Workers entry never reads it: there the key must be a configured secret.
import {
  chmodSync,
  existsSync,
  linkSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { resolve } from 'node:path';
import type { Client } from '@libsql/client';
import type { Config } from '../env.js';
import { filePathOf } from '../ops/backup.js';
import type { KeyRing } from './personal-data.js';

const FORMAT = 'shouwang-keys-1';

interface KeyFileJson {
  format: typeof FORMAT;
  current: number;
  keys: Record<string, string>;
  lookup: string;
}

function b64(bytes: Uint8Array) {
  return Buffer.from(bytes).toString('base64');
}

function key32(text: unknown, what: string, path: string): Uint8Array {
  const key = typeof text === 'string' ? Uint8Array.from(Buffer.from(text, 'base64')) : new Uint8Array();
  if (key.length !== 32) throw new Error(`${path}: ${what} is not a 32-byte base64 key`);
  return key;
}

export function randomKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

/**
 * Where the key file is: DATA_KEY_FILE, else beside the embedded database (`data/shouwang.db.key`); with several
 * counties, beside the first county's file (one key serves them all, as DATA_KEY would).
 */
export function keyFilePath(config: Pick<Config, 'dataKeyFile' | 'databaseUrl' | 'countyDatabases'>): string | null {
  if (config.dataKeyFile) return resolve(config.dataKeyFile);
  const url = config.countyDatabases ? Object.values(config.countyDatabases)[0]! : config.databaseUrl;
  const db = filePathOf(url);
  return db ? `${db}.key` : null;
}

export function readKeyFile(path: string): KeyRing {
  let json: KeyFileJson;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not a readable key file (${(error as Error).message})`);
  }
  if (json?.format !== FORMAT || !Number.isInteger(json.current) || typeof json.keys !== 'object')
    throw new Error(`${path}: not a Shouwang key file`);
  const keys = new Map<number, Uint8Array>();
  for (const [v, k] of Object.entries(json.keys)) keys.set(Number(v), key32(k, `key v${v}`, path));
  if (!keys.has(json.current)) throw new Error(`${path}: no key for the current version v${json.current}`);
  return { current: json.current, keys, lookup: key32(json.lookup, 'the lookup key', path) };
}

/**
 * Writes the ring with mode 0600. `create` refuses to replace an existing file (two processes starting at once
 * must not make two keys); `replace` writes beside it and renames over it. Either way a crash never leaves half a
 * key file.
 */
export function writeKeyFile(path: string, ring: KeyRing, mode: 'create' | 'replace'): void {
  const json: KeyFileJson = {
    format: FORMAT,
    current: ring.current,
    keys: Object.fromEntries([...ring.keys].map(([v, k]) => [String(v), b64(k)])),
    lookup: b64(ring.lookup),
  };
  const text = `${JSON.stringify(json, null, 2)}\n`;
  if (mode === 'create') {
    // Written whole under a private name, then linked into place: link() fails if the file exists, so a process
    // racing this one either wins or reads a complete file, never half of one.
    const own = `${path}.${process.pid}.${Date.now()}.new`;
    writeFileSync(own, text, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(own, path);
    } finally {
      unlinkSync(own);
    }
    return;
  }
  const partial = `${path}.partial`;
  writeFileSync(partial, text, { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, path);
}

export interface ResolvedKeys {
  ring: KeyRing;
  source: 'environment' | 'file';
  file?: string;
}

/**
 * The keys of a Node process (server or CLI): the environment's when DATA_KEY is set, else the key file's; on the
 * very first start the file is created with random keys and `say` tells the operator to back it up. A database
 * that already holds encrypted data is never given a new key: it would make that data unreadable.
 */
export async function resolveNodeKeys(
  config: Config,
  holdsEncryptedData: () => Promise<boolean>,
  say: (line: string) => void,
): Promise<ResolvedKeys> {
  if (config.keys) return { ring: config.keys, source: 'environment' };
  const path = keyFilePath(config);
  if (!path)
    throw new Error('DATABASE_URL is not a file: set DATA_KEY (32 bytes, base64) or DATA_KEY_FILE for the data key');
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077)
      say(`Warning: the key file ${path} is readable by others (mode ${mode.toString(8)}): chmod 600 it`);
    return { ring: readKeyFile(path), source: 'file', file: path };
  }
  if (await holdsEncryptedData())
    throw new Error(
      `No DATA_KEY is set and there is no key file at ${path}, but the database already holds encrypted data. ` +
        'Set DATA_KEY to the key it was made with (or put its key file back); see docs/decisions/0080.',
    );
  const ring: KeyRing = { current: 1, keys: new Map([[1, randomKey()]]), lookup: randomKey() };
  try {
    writeKeyFile(path, ring, 'create');
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as { code?: unknown }).code === 'EEXIST') return { ring: readKeyFile(path), source: 'file', file: path };
    throw error;
  }
  say(
    [
      `A new data key was generated into ${path} (mode 0600): it encrypts ID numbers and mobiles.`,
      'Back it up now, apart from the database backups: without it the encrypted data cannot be read.',
      `To keep it in the environment instead, set DATA_KEY=<keys.1>, DATA_KEY_VERSION=1 and DATA_LOOKUP_KEY=<lookup> from that file, then remove the file.`,
    ].join('\n'),
  );
  return { ring, source: 'file', file: path };
}

/** Whether a migrated database holds anything encrypted (recipients, kept uploads, volunteers' mobiles). */
export async function holdsEncryptedData(client: Client): Promise<boolean> {
  const res = await client.execute(
    `SELECT EXISTS (SELECT 1 FROM recipients) OR EXISTS (SELECT 1 FROM import_uploads)
       OR EXISTS (SELECT 1 FROM volunteers WHERE key_version > 0) AS any_data`,
  );
  return Number(res.rows[0]?.[0]) === 1;
}
