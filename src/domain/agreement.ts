import { addYears } from './dates.js';

export type AgreementStatus = 'ok' | 'missing' | 'expired';

/** Care agreements are renewed each year unless a county configures otherwise. */
export const AGREEMENT_VALID_YEARS = 1;

/** A care agreement is missing without a kind and a signing date, expired once its validity has run out. */
export function agreementStatus(
  kind: string | null,
  signedOn: string | null,
  today: string,
  validYears = AGREEMENT_VALID_YEARS,
): AgreementStatus {
  if (!kind || !signedOn) return 'missing';
  return addYears(signedOn, validYears) <= today ? 'expired' : 'ok';
}
