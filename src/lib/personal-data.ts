import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { decodeBase64, encodeBase64, encodeHexLowerCase } from '@oslojs/encoding';
import type { Config } from '../env.js';

/**
 * The keys of personal data: data keys by version (the current one encrypts, every one decrypts what was stored
 * under it) and a separate lookup key for the keyed hash. The lookup key never rotates with the data keys, so a
 * person's hash stays the same after a rotation and an import still finds them (decision 0080).
 */
export interface KeyRing {
  current: number;
  keys: ReadonlyMap<number, Uint8Array>;
  lookup: Uint8Array;
}

/**
 * Encrypts sensitive fields at rest (AES-256-GCM through WebCrypto, so it runs on Node and Workers)
 * and gives a keyed hash for lookups and uniqueness without storing the value in clear.
 * Stored form: `v<key version>:<iv base64>:<ciphertext+tag base64>`.
 */
export interface PersonalDataCipher {
  keyVersion: number;
  encrypt(plain: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
  /** Bytes (an uploaded file) in the same stored form, as text. */
  encryptBytes(plain: Uint8Array): Promise<string>;
  decryptBytes(stored: string): Promise<Uint8Array>;
  lookupHash(plain: string): string;
}

/** The lookup key older databases used: derived from the first data key (kept so their hashes stay valid). */
export function derivedLookupKey(firstDataKey: Uint8Array): Uint8Array {
  return hmac(SHA256, firstDataKey, new TextEncoder().encode('shouwang lookup hash v1'));
}

/** The key version a stored value was encrypted under, or null when it is not in the stored form. */
export function storedKeyVersion(stored: string): number | null {
  const m = /^v(\d+):/.exec(stored);
  return m ? Number(m[1]) : null;
}

export class DecryptError extends Error {}

export function createCipher(ring: KeyRing): PersonalDataCipher {
  const keys = new Map<number, Promise<CryptoKey>>();
  for (const [v, raw] of ring.keys)
    keys.set(
      v,
      crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'AES-GCM' }, false, [
        'encrypt',
        'decrypt',
      ]),
    );
  if (!keys.has(ring.current)) throw new Error(`the key ring has no key for its current version v${ring.current}`);

  async function seal(plain: Uint8Array) {
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv },
      await keys.get(ring.current)!,
      plain as Uint8Array<ArrayBuffer>,
    );
    return `v${ring.current}:${encodeBase64(iv)}:${encodeBase64(new Uint8Array(ct))}`;
  }

  async function open(stored: string) {
    const [v, iv, ct] = stored.split(':');
    const version = storedKeyVersion(stored);
    const k = version === null ? undefined : keys.get(version);
    if (!k) throw new DecryptError(`no key for version ${v}: add it to the key ring (DATA_KEYS_PREVIOUS)`);
    try {
      return new Uint8Array(
        await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: decodeBase64(iv) as Uint8Array<ArrayBuffer> },
          await k,
          decodeBase64(ct) as Uint8Array<ArrayBuffer>,
        ),
      );
    } catch {
      // WebCrypto's OperationError says nothing useful; the likely cause is a different key under the same version.
      throw new DecryptError(`a value stored under key ${v} does not decrypt with the configured key ${v}`);
    }
  }

  return {
    keyVersion: ring.current,
    encrypt: (plain) => seal(new TextEncoder().encode(plain)),
    async decrypt(stored) {
      return new TextDecoder().decode(await open(stored));
    },
    encryptBytes: seal,
    decryptBytes: open,
    lookupHash(plain) {
      return encodeHexLowerCase(hmac(SHA256, ring.lookup, new TextEncoder().encode(plain)));
    },
  };
}

/** The cipher of a configuration whose keys have been resolved (from the environment or the key file). */
export function cipherFor(config: Pick<Config, 'keys'>): PersonalDataCipher {
  if (!config.keys) throw new Error('no data key is configured (DATA_KEY, or the key file beside the database)');
  return createCipher(config.keys);
}
