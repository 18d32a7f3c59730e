import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { randomToken } from '../lib/tokens.js';

/**
 * First run is guarded by a one-time token: whoever reaches a fresh deployment first must also have read the
 * server's console (Node prints it) or hold the SETUP_TOKEN secret (Workers, where isolates cannot share a printed
 * one). It is good until the first administrator exists; then /setup is closed anyway.
 */
export function newSetupToken(): string {
  return randomToken(20); // 160 bits
}

const digest = (s: string) => sha256(new TextEncoder().encode(s));

/** Compares in constant time (hashes first, so the lengths match and leak nothing). */
export function setupTokenMatches(expected: string | undefined, given: string): boolean {
  if (!expected) return false;
  return constantTimeEqual(digest(expected), digest(given.trim()));
}
