// Runtime-neutral parts of password hashing: the Workers entry imports these without the native module.

/** Hashes and checks passwords as PHC strings; the runtime picks the implementation. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(stored: string, password: string): Promise<boolean>;
  /** True when the stored hash was made with weaker parameters than today's. */
  needsRehash(stored: string): boolean;
}

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
export const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 };

/** Parses the m, t and p parameters of an argon2 PHC string; null when it is not one. */
export function argon2Params(stored: string): { m: number; t: number; p: number } | null {
  const match = /^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!match) return null;
  return { m: Number(match[1]), t: Number(match[2]), p: Number(match[3]) };
}
