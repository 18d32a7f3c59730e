import { timingSafeEqual } from 'node:crypto';
import { argon2id } from '@noble/hashes/argon2.js';
import { argon2Params, type PasswordHasher } from './password-phc.js';
import { hashScrypt, scryptIsWeak, verifyScrypt } from './password-scrypt.js';

const unb64 = (text: string) => Uint8Array.from(Buffer.from(text, 'base64'));

/** Checks an argon2id PHC string in plain JavaScript (@noble/hashes): Workers refuse runtime-compiled WebAssembly. */
function verifyArgon2id(stored: string, password: string): boolean {
  const m = /^\$argon2id\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (!m) return false;
  const [version, mem, t, p] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  // Refuse parameters no server of ours writes, instead of spending a tampered row's memory or CPU.
  if (version !== 19 || mem < 8 * p || mem > 65536 || t < 1 || t > 10 || p < 1 || p > 4) return false;
  const salt = unb64(m[5]!);
  const expected = unb64(m[6]!);
  if (salt.length < 8 || expected.length < 16) return false;
  const key = argon2id(password, salt, { t, m: mem, p, dkLen: expected.length, version: 0x13 });
  return timingSafeEqual(key, expected);
}

/**
 * Passwords on Workers, where the native argon2 module cannot load: new hashes are scrypt (node:crypto
 * under nodejs_compat); argon2id hashes made by a Node server are still verified, in plain JavaScript
 * (@noble/hashes), so moving a county from a server to Workers needs no password reset.
 * Measured costs: docs/decisions/0072-passwords-on-workers.md, bench/results/passwords.txt.
 */
export const workerHasher: PasswordHasher = {
  hash: hashScrypt,
  async verify(stored, password) {
    if (stored.startsWith('$scrypt$')) return verifyScrypt(stored, password);
    if (!argon2Params(stored)) return false;
    try {
      return verifyArgon2id(stored, password);
    } catch {
      return false;
    }
  },
  // Each runtime prefers the hash it computes fastest: here argon2id in plain JS costs about twice a scrypt
  // check (bench/results/passwords.txt), so a rehash-on-login moves it to scrypt; Node does the reverse.
  needsRehash: (stored) => (argon2Params(stored) ? true : scryptIsWeak(stored)),
};
