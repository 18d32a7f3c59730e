import { parseArgs } from 'node:util';
import type { Db } from '../db/client.js';
import { type ResolvedKeys, randomKey, writeKeyFile } from '../lib/key-file.js';
import { createCipher, type KeyRing } from '../lib/personal-data.js';
import { RotationError, rotateKeys, rowsOffKey } from './rotate-keys.js';

/**
 * `keys rotate`. With the key file: when every row is already on the current key, a new random key becomes the
 * current version (the old ones stay in the file to read older backups), then everything is re-encrypted; when a
 * previous rotation was interrupted, it is finished without making another key. With DATA_KEY in the environment
 * the operator sets the new key (DATA_KEY, DATA_KEY_VERSION, DATA_KEYS_PREVIOUS) and this moves the rows onto it.
 */
export async function keysRotate(
  db: Db,
  keys: ResolvedKeys,
  args: string[],
  out: (line: string) => void,
): Promise<number> {
  const { values } = parseArgs({ args, options: { batch: { type: 'string' } } });
  const batchSize = values.batch === undefined ? 200 : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000)
    throw new RotationError('--batch must be a whole number of rows between 1 and 5000');
  let ring: KeyRing = keys.ring;
  const left = await rowsOffKey(db, ring.current);
  const resumed = left.recipients + left.uploads + left.volunteers > 0;
  if (keys.source === 'file' && !resumed) {
    const next = Math.max(...ring.keys.keys()) + 1;
    ring = { current: next, keys: new Map([...ring.keys, [next, randomKey()]]), lookup: ring.lookup };
    // The file first: if the process dies after it, the next run resumes onto this key instead of losing it.
    writeKeyFile(keys.file!, ring, 'replace');
  }
  const report = await rotateKeys(db, createCipher(ring), {
    now: new Date(),
    batchSize,
    onBatch: (r) => process.stderr.write(`re-encrypted ${r.recipients} recipients (${r.batches} batches)\n`),
  });
  out(JSON.stringify({ ...report, resumed, source: keys.source, verified: true }));
  if (keys.source === 'file')
    console.error(
      `The key file ${keys.file} now holds key v${ring.current}: back it up again, and restart the server so it writes under it.`,
    );
  return 0;
}
