import { maskMobile } from '../../domain/mobile.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';

/**
 * The stored form of a volunteer's mobile (decision 0215): encrypted under the current key, the keyed lookup hash
 * that finds and dedupes it, and the masked copy lists show. Every writer of a volunteer's mobile goes through here.
 */
export async function mobileColumns(cipher: PersonalDataCipher, mobile: string) {
  return {
    mobileEnc: await cipher.encrypt(mobile),
    mobileHash: cipher.lookupHash(mobile),
    mobileMasked: maskMobile(mobile),
    keyVersion: cipher.keyVersion,
  };
}

export type MobileColumns = Awaited<ReturnType<typeof mobileColumns>>;

/** The login username of a volunteer's account: never the mobile itself, which would sit in clear in `users`. */
export const volunteerUsername = (volunteerId: number) => `volunteer-${volunteerId}`;
