import { addYears } from './dates.js';
import type { AGREEMENT_KINDS, SUPPORT_MODES } from './vocabulary.js';

export type AgreementKind = (typeof AGREEMENT_KINDS)[number];
type SupportMode = (typeof SUPPORT_MODES)[number];

/**
 * Where a recipient's care agreement stands. `mismatch`: the kind is not the one their support mode signs, so the
 * agreement does not count as signed (it was signed by the wrong parties).
 */
export type AgreementStatus = 'ok' | 'missing' | 'mismatch' | 'expired';
export const AGREEMENT_STATUSES = [
  'ok',
  'missing',
  'mismatch',
  'expired',
] as const satisfies readonly AgreementStatus[];

/** The agreement fields of a recipient's record, as stored. */
export interface AgreementFields {
  supportMode: SupportMode;
  agreementKind: AgreementKind | null;
  agreementSignedOn: string | null;
  agreementEndsOn: string | null;
}

/** The kind the seed's rule asks for: 集中供养 signs the 三方 agreement, 分散供养 the 四方. */
export function requiredAgreementKind(supportMode: SupportMode): AgreementKind {
  return supportMode === 'institution' ? 'three' : 'four';
}

/**
 * Missing without a kind and a signing date; mismatched when the kind is not the support mode's; expired on its end
 * date (an agreement without one never expires); otherwise ok. The dashboard and the list count by this one rule
 * (its SQL twin is `agreementStatusSql` in src/modules/recipients/agreements.ts, tested against it).
 */
export function agreementStatus(a: AgreementFields, today: string): AgreementStatus {
  if (!a.agreementKind || !a.agreementSignedOn) return 'missing';
  if (a.agreementKind !== requiredAgreementKind(a.supportMode)) return 'mismatch';
  if (a.agreementEndsOn !== null && a.agreementEndsOn <= today) return 'expired';
  return 'ok';
}

/** The end date an agreement gets: the one entered, else signing date + the county's default term, else none. */
export function agreementEnd(signedOn: string | null, endsOn: string | null, termYears: number | null): string | null {
  if (endsOn) return endsOn;
  return signedOn && termYears ? addYears(signedOn, termYears) : null;
}

export type AgreementProblem = 'kind' | 'endsBeforeSigned' | 'endsWithoutSigning';

/** Why an entered agreement cannot be saved, or null: the wrong kind for the support mode, or an impossible end. */
export function agreementProblem(a: AgreementFields): AgreementProblem | null {
  if (a.agreementKind && a.agreementKind !== requiredAgreementKind(a.supportMode)) return 'kind';
  if (a.agreementEndsOn && !a.agreementSignedOn) return 'endsWithoutSigning';
  if (a.agreementEndsOn && a.agreementSignedOn && a.agreementEndsOn <= a.agreementSignedOn) return 'endsBeforeSigned';
  return null;
}

/** Signed ÷ active as a percentage rounded down to one decimal, so it reads 100 only when every one is signed. */
export function signingRate(ok: number, active: number): number | null {
  if (active === 0) return null;
  return Math.floor((ok * 1000) / active) / 10;
}
