import { encodeBase32LowerCaseNoPadding, encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/**
 * Random opaque tokens (session secrets, setup and device tokens, feed tokens, upload and idempotency keys): one way
 * to draw them. `bytes` is the entropy (16 bytes = 128 bits); the encoding only changes how the token is written.
 * Keys, IVs and salts are not tokens: they stay with the code that uses them (lib/key-file, lib/personal-data).
 */
export function randomToken(bytes: number, encoding: 'base32' | 'base64url' | 'hex' = 'base32'): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  if (encoding === 'hex') return encodeHexLowerCase(raw);
  if (encoding === 'base64url') return encodeBase64urlNoPadding(raw);
  return encodeBase32LowerCaseNoPadding(raw);
}

/**
 * A random string of decimal digits (codes people type on a phone keypad), drawn by rejection so every digit is
 * equally likely.
 */
export function randomDigits(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length))) {
      if (byte < 250 && out.length < length) out += String(byte % 10);
    }
  }
  return out;
}
