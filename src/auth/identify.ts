import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users, volunteers } from '../db/schema/index.js';
import { normaliseMobile } from '../domain/mobile.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';

/**
 * What people type in the login field, made canonical: a mobile number in any usual spelling (+86, spaces,
 * dashes) becomes its 11 digits, anything else a lower-case username. The throttle counts by this, so
 * "138 0000 0000" and "13800000000" share one bucket.
 */
export function loginIdentifier(typed: string): string {
  return normaliseMobile(typed) ?? typed.trim().toLowerCase();
}

/**
 * The account a login identifier names: the username, else (for a mobile number) the login of the volunteer
 * registered with that number (found by its keyed hash: the number is stored only encrypted), so a volunteer whose
 * number changed after their login was made still gets in.
 */
export async function findLoginUser(db: Db, cipher: PersonalDataCipher, identifier: string) {
  const byName = await db.select().from(users).where(eq(users.username, identifier)).get();
  if (byName || !normaliseMobile(identifier)) return byName;
  const row = await db
    .select({ user: users })
    .from(volunteers)
    .innerJoin(users, eq(users.id, volunteers.userId))
    .where(eq(volunteers.mobileHash, cipher.lookupHash(identifier)))
    .get();
  return row?.user;
}
