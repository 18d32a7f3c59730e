import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { importUploads } from '../../db/schema/index.js';
import { type PersonalDataCipher, storedKeyVersion } from '../../lib/personal-data.js';
import { randomToken } from '../../lib/tokens.js';

/** A preview is good for half an hour; after that the file must be uploaded again (and the sweep removes it). */
export const UPLOAD_TTL_MS = 30 * 60 * 1000;

/**
 * Keeps an uploaded file between the preview and the confirmation. It holds ID numbers and mobiles, so its bytes
 * and name are encrypted like any personal data: the database file and its backups never carry it in clear.
 */
/** Whose upload, for which register: a token names a kept file only for the user who uploaded it, there. */
export interface UploadOwner {
  db: Db;
  userId: number;
  register: string;
}

const theirs = (u: UploadOwner & { token: string }) =>
  and(eq(importUploads.token, u.token), eq(importUploads.userId, u.userId), eq(importUploads.register, u.register));

export async function keepUpload({
  db,
  cipher,
  userId,
  register,
  file,
  now,
}: UploadOwner & {
  cipher: PersonalDataCipher;
  file: { name: string; bytes: Uint8Array };
  now: Date;
}): Promise<string> {
  const token = randomToken(16, 'hex');
  const [bytes, fileName] = await Promise.all([cipher.encryptBytes(file.bytes), cipher.encrypt(file.name)]);
  await db.batch([
    db.delete(importUploads).where(lt(importUploads.createdAt, new Date(now.getTime() - UPLOAD_TTL_MS))),
    db.insert(importUploads).values({ token, userId, register, fileName, bytes: Buffer.from(bytes), createdAt: now }),
  ]);
  return token;
}

/** The uploader's own, unexpired file for this register, decrypted; an expired one is removed. */
export async function takeUpload(u: UploadOwner & { cipher: PersonalDataCipher; token: string; now: Date }) {
  const { db, cipher, token, now } = u;
  const row = await db.select().from(importUploads).where(theirs(u)).get();
  if (!row) return null;
  const sealed = Buffer.from(row.bytes).toString('utf8');
  // A preview kept in clear by an older version is not trusted or shown again: it is removed, as an expired one.
  if (now.getTime() - row.createdAt.getTime() > UPLOAD_TTL_MS || storedKeyVersion(sealed) === null) {
    await dropUpload(db, token);
    return null;
  }
  return { name: await cipher.decrypt(row.fileName), bytes: await cipher.decryptBytes(sealed) };
}

/** The uploader rejects their own preview: their file for this register goes (another user's token does nothing). */
export function discardUpload(u: UploadOwner & { token: string }) {
  return u.db.delete(importUploads).where(theirs(u));
}

export function dropUpload(db: Db, token: string) {
  return db.delete(importUploads).where(eq(importUploads.token, token));
}

/** Removes every preview older than the TTL (abandoned: nobody can confirm it any more). */
export async function sweepUploads(db: Db, now: Date): Promise<number> {
  const gone = await db
    .delete(importUploads)
    .where(lt(importUploads.createdAt, new Date(now.getTime() - UPLOAD_TTL_MS)))
    .returning({ token: importUploads.token });
  return gone.length;
}
