import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt through node:crypto: built into Node and provided by Workers' nodejs_compat (native code in
// both, no WebAssembly). OWASP's equivalent-strength row for 16 MiB: N=2^14, r=8, p=5.
// See docs/decisions/0072-passwords-on-workers.md for the measured costs.
export const SCRYPT = { ln: 14, r: 8, p: 5, keyLen: 32, saltLen: 16 } as const;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');
const unb64 = (text: string) => Uint8Array.from(Buffer.from(text, 'base64'));

function derive(
  password: string,
  salt: Uint8Array,
  ln: number,
  r: number,
  p: number,
  keyLen: number,
): Promise<Uint8Array> {
  const N = 2 ** ln;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLen, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(new Uint8Array(key)),
    ),
  );
}

/** Parses `$scrypt$ln=…,r=…,p=…$salt$hash` (PHC, unpadded base64); null when it is not one. */
export function scryptParams(
  stored: string,
): { ln: number; r: number; p: number; salt: Uint8Array; hash: Uint8Array } | null {
  const m = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(stored);
  if (!m) return null;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Refuse absurd parameters from a tampered row instead of exhausting memory.
  if (ln < 1 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  return { ln, r, p, salt: unb64(m[4]!), hash: unb64(m[5]!) };
}

export async function hashScrypt(password: string): Promise<string> {
  const salt = new Uint8Array(randomBytes(SCRYPT.saltLen));
  const key = await derive(password, salt, SCRYPT.ln, SCRYPT.r, SCRYPT.p, SCRYPT.keyLen);
  return `$scrypt$ln=${SCRYPT.ln},r=${SCRYPT.r},p=${SCRYPT.p}$${b64(salt)}$${b64(key)}`;
}

export async function verifyScrypt(stored: string, password: string): Promise<boolean> {
  const parsed = scryptParams(stored);
  if (!parsed || parsed.hash.length < 16) return false;
  const key = await derive(password, parsed.salt, parsed.ln, parsed.r, parsed.p, parsed.hash.length);
  return timingSafeEqual(key, parsed.hash);
}

export function scryptIsWeak(stored: string): boolean {
  const p = scryptParams(stored);
  return !p || p.ln < SCRYPT.ln || p.r * p.p < SCRYPT.r * SCRYPT.p;
}
