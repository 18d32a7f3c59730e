import { hash, verify } from '@node-rs/argon2';

import { ARGON2, argon2Params, type PasswordHasher } from './password-phc.js';
import { verifyScrypt } from './password-scrypt.js';

export { argon2Params, PASSWORD_MAX, PASSWORD_MIN, type PasswordHasher } from './password-phc.js';

/** argon2id through the native @node-rs/argon2 module (Node only). */
export const argon2Hasher: PasswordHasher = {
  hash: (password) => hash(password, ARGON2),
  async verify(stored, password) {
    // A password last set on Workers is scrypt; needsRehash below upgrades it at the next login.
    if (stored.startsWith('$scrypt$')) return verifyScrypt(stored, password);
    if (!argon2Params(stored)) return false;
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
  needsRehash(stored) {
    const p = argon2Params(stored);
    return !p || p.m < ARGON2.memoryCost || p.t < ARGON2.timeCost;
  },
};
