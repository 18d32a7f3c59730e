import { hmac } from '@oslojs/crypto/hmac';
import { SHA256 } from '@oslojs/crypto/sha2';
import { decodeBase64, encodeBase64, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * Encrypts sensitive fields at rest (AES-256-GCM through WebCrypto, so it runs on Node and Workers)
 * and gives a keyed hash for lookups and uniqueness without storing the value in clear.
 * Stored form: `v<key version>:<iv base64>:<ciphertext+tag base64>`.
 */
export interface PersonalDataCipher {
  keyVersion: number;
  encrypt(plain: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
  lookupHash(plain: string): string;
}

export function createCipher(
  key: Uint8Array,
  keyVersion: number,
  previousKeys: Record<number, Uint8Array> = {},
): PersonalDataCipher {
  const keys = new Map<number, Promise<CryptoKey>>();
  const importKey = (raw: Uint8Array) =>
    crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  keys.set(keyVersion, importKey(key));
  for (const [v, raw] of Object.entries(previousKeys)) keys.set(Number(v), importKey(raw));
  // The lookup key is derived from the data key, so one secret configures both.
  const hashKey = hmac(SHA256, key, new TextEncoder().encode('shouwang lookup hash v1'));

  return {
    keyVersion,
    async encrypt(plain) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv },
        await keys.get(keyVersion)!,
        new TextEncoder().encode(plain),
      );
      return `v${keyVersion}:${encodeBase64(iv)}:${encodeBase64(new Uint8Array(ct))}`;
    },
    async decrypt(stored) {
      const [v, iv, ct] = stored.split(':');
      const k = keys.get(Number(v.slice(1)));
      if (!k) throw new Error(`no key for version ${v}`);
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: decodeBase64(iv) as Uint8Array<ArrayBuffer> },
        await k,
        decodeBase64(ct) as Uint8Array<ArrayBuffer>,
      );
      return new TextDecoder().decode(plain);
    },
    lookupHash(plain) {
      return encodeHexLowerCase(hmac(SHA256, hashKey, new TextEncoder().encode(plain)));
    },
  };
}
