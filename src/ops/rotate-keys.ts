import { and, asc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { importUploads, outbox, recipients, volunteers } from '../db/schema/index.js';
import { auditInsert } from '../lib/audit.js';
import { type PersonalDataCipher, storedKeyVersion } from '../lib/personal-data.js';

export interface RotationReport {
  keyVersion: number;
  recipients: number;
  uploads: number;
  batches: number;
  /** Volunteers' mobiles and the text messages queued with one (decision 0215). */
  volunteers: number;
  messages: number;
}

export class RotationError extends Error {}

/** Rows still stored under another key than the current one (the column and each value's own prefix). */
export async function rowsOffKey(db: Db, version: number) {
  const prefix = `v${version}:%`;
  const [row] = (await db.all(sql`SELECT
      (SELECT count(*) FROM recipients WHERE key_version <> ${version} OR id_number_enc NOT LIKE ${prefix}
         OR (caregiver_mobile_enc IS NOT NULL AND caregiver_mobile_enc NOT LIKE ${prefix})) AS recipients,
      (SELECT count(*) FROM import_uploads WHERE CAST(bytes AS TEXT) NOT LIKE ${prefix}
         OR file_name NOT LIKE ${prefix}) AS uploads,
      (SELECT count(*) FROM volunteers WHERE key_version <> ${version} OR mobile_enc NOT LIKE ${prefix}) AS volunteers,
      (SELECT count(*) FROM outbox WHERE recipient LIKE 'v%:%' AND recipient NOT LIKE ${prefix}) AS messages`)) as {
    recipients: number;
    uploads: number;
    volunteers: number;
    messages: number;
  }[];
  return {
    recipients: Number(row.recipients),
    uploads: Number(row.uploads),
    volunteers: Number(row.volunteers) + Number(row.messages),
  };
}

/**
 * Re-encrypts every encrypted field under the cipher's current key, `batchSize` rows per write. Resumable: it only
 * picks rows still on another key, so an interrupted run is finished by running it again. Each write is guarded by
 * the old ciphertext (an edit made meanwhile is never overwritten; its row is picked again), each new value is
 * decrypted back and compared before it is written, and at the end no row may remain on an old key.
 * The lookup hash has its own key and is not touched: lookups and uniqueness hold throughout.
 */
export async function rotateKeys(
  db: Db,
  cipher: PersonalDataCipher,
  opts: { batchSize?: number; now: Date; onBatch?: (done: RotationReport) => void },
): Promise<RotationReport> {
  const version = cipher.keyVersion;
  const size = opts.batchSize ?? 200;
  const report: RotationReport = {
    keyVersion: version,
    recipients: 0,
    uploads: 0,
    batches: 0,
    volunteers: 0,
    messages: 0,
  };
  const prefix = `v${version}:%`;
  // Passes in id order (keyset: a batch never rescans the rows before it). A row edited between its read and its
  // write is skipped by the guard and left for the next pass; three passes that still skip mean something keeps
  // writing under an old key (a server not restarted with the new one).
  for (let pass = 1; ; pass++) {
    let skipped = 0;
    await walk(db, {
      page: (after) =>
        db
          .select({ id: recipients.id, id_: recipients.idNumberEnc, mobile: recipients.caregiverMobileEnc })
          .from(recipients)
          .where(
            and(
              gt(recipients.id, after),
              or(
                ne(recipients.keyVersion, version),
                sql`${recipients.idNumberEnc} NOT LIKE ${prefix}`,
                sql`${recipients.caregiverMobileEnc} NOT LIKE ${prefix}`,
              ),
            ),
          )
          .orderBy(asc(recipients.id))
          .limit(size),
      reseal: async (r) => ({
        id: await reseal(cipher, r.id_),
        mobile: r.mobile === null ? null : await reseal(cipher, r.mobile),
      }),
      update: (r, { id, mobile }) =>
        db
          .update(recipients)
          .set({ idNumberEnc: id, caregiverMobileEnc: mobile, keyVersion: version })
          .where(
            and(
              eq(recipients.id, r.id),
              eq(recipients.idNumberEnc, r.id_),
              r.mobile === null ? isNull(recipients.caregiverMobileEnc) : eq(recipients.caregiverMobileEnc, r.mobile),
            ),
          ),
      written: (read, written) => {
        skipped += read - written;
        report.recipients += written;
        report.batches++;
        opts.onBatch?.({ ...report });
      },
    });
    if (skipped === 0) break;
    if (pass >= 3) throw new RotationError('rows keep changing under an old key: restart the server with the new key');
  }

  const uploads = await db.select().from(importUploads);
  for (const u of uploads) {
    const bytesText = Buffer.from(u.bytes).toString('utf8');
    if (storedKeyVersion(bytesText) === version && storedKeyVersion(u.fileName) === version) continue;
    // A preview an older version kept in clear is not re-encrypted but removed: it could never be confirmed again.
    if (storedKeyVersion(bytesText) === null || storedKeyVersion(u.fileName) === null) {
      await db.delete(importUploads).where(eq(importUploads.token, u.token));
      continue;
    }
    const bytes = Buffer.from(await resealBytes(cipher, bytesText));
    const fileName = await reseal(cipher, u.fileName);
    await db.update(importUploads).set({ bytes, fileName }).where(eq(importUploads.token, u.token));
    report.uploads++;
  }

  await rotateMobiles(db, cipher, size, report);

  const left = await rowsOffKey(db, version);
  if (left.recipients || left.uploads || left.volunteers)
    throw new RotationError(
      `${left.recipients} recipients, ${left.uploads} uploads and ${left.volunteers} volunteers' mobiles are still on an old key: run keys rotate again`,
    );
  await auditInsert(
    db,
    {
      actorUserId: null,
      action: 'rotate_keys',
      entity: 'keys',
      entityId: String(version),
      changes: { recipients: report.recipients, uploads: report.uploads, volunteers: report.volunteers },
    },
    opts.now,
  );
  return report;
}

/** Decrypts with whichever key the value names, encrypts under the current one, and proves the result decrypts. */
async function reseal(cipher: PersonalDataCipher, stored: string): Promise<string> {
  if (storedKeyVersion(stored) === cipher.keyVersion) return stored;
  const plain = await cipher.decrypt(stored);
  const sealed = await cipher.encrypt(plain);
  if ((await cipher.decrypt(sealed)) !== plain) throw new RotationError('a re-encrypted value did not decrypt back');
  return sealed;
}

async function resealBytes(cipher: PersonalDataCipher, stored: string): Promise<string> {
  if (storedKeyVersion(stored) === cipher.keyVersion) return stored;
  const plain = await cipher.decryptBytes(stored);
  const sealed = await cipher.encryptBytes(plain);
  if (Buffer.compare(await cipher.decryptBytes(sealed), plain) !== 0)
    throw new RotationError('a re-encrypted upload did not decrypt back');
  return sealed;
}

/**
 * Volunteers' mobiles, then the text messages queued with one, `size` per batch in id order; each update guarded by
 * the old ciphertext like the recipients' (an edit meanwhile is left for the next run, which the final count asks for).
 */
async function rotateMobiles(db: Db, cipher: PersonalDataCipher, size: number, report: RotationReport) {
  const prefix = `v${cipher.keyVersion}:%`;
  await walk(db, {
    page: (after) =>
      db
        .select({ id: volunteers.id, enc: volunteers.mobileEnc })
        .from(volunteers)
        .where(
          and(
            gt(volunteers.id, after),
            or(ne(volunteers.keyVersion, cipher.keyVersion), sql`${volunteers.mobileEnc} NOT LIKE ${prefix}`),
          ),
        )
        .orderBy(asc(volunteers.id))
        .limit(size),
    reseal: (r) => reseal(cipher, r.enc),
    update: (r, mobileEnc) =>
      db
        .update(volunteers)
        .set({ mobileEnc, keyVersion: cipher.keyVersion })
        .where(and(eq(volunteers.id, r.id), eq(volunteers.mobileEnc, r.enc))),
    written: (_, written) => {
      report.volunteers += written;
    },
  });
  await walk(db, {
    page: (after) =>
      db
        .select({ id: outbox.id, to: outbox.recipient })
        .from(outbox)
        .where(
          and(gt(outbox.id, after), sql`${outbox.recipient} LIKE 'v%:%'`, sql`${outbox.recipient} NOT LIKE ${prefix}`),
        )
        .orderBy(asc(outbox.id))
        .limit(size),
    reseal: (r) => reseal(cipher, r.to),
    update: (r, recipient) =>
      db
        .update(outbox)
        .set({ recipient })
        .where(and(eq(outbox.id, r.id), eq(outbox.recipient, r.to))),
    written: (_, written) => {
      report.messages += written;
    },
  });
}

interface Walk<R, S> {
  /** The next rows still on an old key after id `after`, in id order, one batch's worth. */
  page: (after: number) => Promise<R[]>;
  /** A row's values under the current key. */
  reseal: (row: R) => Promise<S>;
  /** The row's update to them, guarded by its old ciphertext (a statement for the batch, not run here). */
  update: (row: R, sealed: S) => unknown;
  /** After each batch: how many rows it read and how many its guards let through. */
  written: (read: number, written: number) => void;
}

/** A keyset walk over one table (a batch never rescans the rows before it), each page written as one batch. */
async function walk<R extends { id: number }, S>(db: Db, w: Walk<R, S>): Promise<void> {
  for (let after = 0; ; ) {
    const rows = await w.page(after);
    if (rows.length === 0) return;
    after = rows[rows.length - 1].id;
    const updates = [];
    for (const r of rows) updates.push(w.update(r, await w.reseal(r)));
    const results = (await db.batch(updates as unknown as Parameters<Db['batch']>[0])) as unknown as {
      rowsAffected: number;
    }[];
    w.written(
      rows.length,
      results.reduce((n, r) => n + (r.rowsAffected ?? 0), 0),
    );
  }
}
