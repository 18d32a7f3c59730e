import { argon2Verify } from 'hash-wasm';
import { argon2Params, type PasswordHasher } from './password-phc.js';
import { hashScrypt, scryptIsWeak, verifyScrypt } from './password-scrypt.js';

/**
 * Passwords on Workers, where the native argon2 module cannot load: new hashes are scrypt (node:crypto
 * under nodejs_compat); argon2id hashes made by a Node server are still verified, in WebAssembly
 * (hash-wasm), so moving a county from a server to Workers needs no password reset.
 * Measured costs: docs/decisions/0072-passwords-on-workers.md.
 */
export const workerHasher: PasswordHasher = {
  hash: hashScrypt,
  async verify(stored, password) {
    if (stored.startsWith('$scrypt$')) return verifyScrypt(stored, password);
    if (!argon2Params(stored)) return false;
    try {
      return await argon2Verify({ password: password, hash: stored });
    } catch {
      return false;
    }
  },
  // argon2id hashes are stronger than today's scrypt: keep them; only weak scrypt ones are redone.
  needsRehash: (stored) => (argon2Params(stored) ? false : scryptIsWeak(stored)),
};
