import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { importUploads } from '../../db/schema/index.js';

/** A preview is good for half an hour; after that the file must be uploaded again. */
export const UPLOAD_TTL_MS = 30 * 60 * 1000;

export async function keepUpload(
  db: Db,
  userId: number,
  register: string,
  file: { name: string; bytes: Uint8Array },
  now: Date,
): Promise<string> {
  const token = encodeHexLowerCase(crypto.getRandomValues(new Uint8Array(16)));
  await db.batch([
    db.delete(importUploads).where(lt(importUploads.createdAt, new Date(now.getTime() - UPLOAD_TTL_MS))),
    db
      .insert(importUploads)
      .values({ token, userId, register, fileName: file.name, bytes: Buffer.from(file.bytes), createdAt: now }),
  ]);
  return token;
}

/** The uploader's own, unexpired file for this register; removed once taken. */
export async function takeUpload(db: Db, token: string, userId: number, register: string, now: Date) {
  const row = await db
    .select()
    .from(importUploads)
    .where(and(eq(importUploads.token, token), eq(importUploads.userId, userId), eq(importUploads.register, register)))
    .get();
  if (!row || now.getTime() - row.createdAt.getTime() > UPLOAD_TTL_MS) return null;
  return { name: row.fileName, bytes: new Uint8Array(row.bytes) };
}

export function dropUpload(db: Db, token: string) {
  return db.delete(importUploads).where(eq(importUploads.token, token));
}
