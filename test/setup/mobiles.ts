import { sql } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.js';
import { loadConfig } from '../../src/env.js';
import { cipherFor } from '../../src/lib/personal-data.js';
import { mobileColumns } from '../../src/modules/volunteers/mobile.js';
import { TEST_KEYS } from './keys.js';

/** The test apps' cipher (same keys as test/setup/app.ts), for fixtures that write volunteers straight in. */
const cipher = cipherFor(loadConfig(TEST_KEYS));

/** A volunteer's mobile in its stored form (encrypted, keyed hash, masked), as the app writes it. */
export const storedMobile = (mobile: string) => mobileColumns(cipher, mobile);

/** The keyed hash a volunteer's mobile is found by. */
export const mobileHash = (mobile: string) => cipher.lookupHash(mobile);

/** Opens a stored value. */
export const decrypted = (stored: string) => cipher.decrypt(stored);

/** The login linked to the volunteer registered with this mobile (volunteers' usernames are not their numbers). */
export const loginOfMobile = (mobile: string) =>
  sql`${users.id} = (SELECT user_id FROM volunteers WHERE mobile_hash = ${mobileHash(mobile)})`;
