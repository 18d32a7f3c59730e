import { and, eq, gt, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { keptSubmissions } from '../../db/schema/index.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { randomToken } from '../../lib/tokens.js';

/** How long a kept form waits for its user to log in again. */
export const KEEP_MS = 60 * 60 * 1000;
/** Larger bodies are not kept (no form of ours comes near it; uploads are multipart and never kept). */
export const KEEP_MAX_BYTES = 64 * 1024;

/**
 * Keeps a form posted into an expired session, encrypted, for that user only: it replaces any earlier one of theirs
 * and clears everyone's expired ones, in one batch. Answers the id the browser keeps in a cookie.
 */
export async function keepSubmission(ctx: {
  db: Db;
  cipher: PersonalDataCipher;
  userId: number;
  path: string;
  body: string;
  now: Date;
}): Promise<string> {
  const id = randomToken(20);
  const bodyEnc = await ctx.cipher.encrypt(ctx.body);
  const { db, now } = ctx;
  await db.batch([
    db.delete(keptSubmissions).where(or(eq(keptSubmissions.userId, ctx.userId), lte(keptSubmissions.expiresAt, now))),
    db.insert(keptSubmissions).values({
      id,
      userId: ctx.userId,
      path: ctx.path,
      bodyEnc,
      createdAt: now,
      expiresAt: new Date(now.getTime() + KEEP_MS),
    }),
  ]);
  return id;
}

export interface KeptForm {
  path: string;
  fields: [string, string][];
  /** When it was posted (and kept). */
  createdAt: Date;
}

/** Takes a kept form back, once, for the user who posted it and before it expires; anyone else gets null. */
export async function takeSubmission(ctx: {
  db: Db;
  cipher: PersonalDataCipher;
  id: string;
  userId: number;
  now: Date;
}): Promise<KeptForm | null> {
  const [row] = await ctx.db
    .delete(keptSubmissions)
    .where(
      and(
        eq(keptSubmissions.id, ctx.id),
        eq(keptSubmissions.userId, ctx.userId),
        gt(keptSubmissions.expiresAt, ctx.now),
      ),
    )
    .returning();
  if (!row) return null;
  const body = await ctx.cipher.decrypt(row.bodyEnc);
  return { path: row.path, fields: [...new URLSearchParams(body)], createdAt: row.createdAt };
}
