import { type SQL, sql } from 'drizzle-orm';
import type { AgreementStatus } from '../../domain/agreement.js';

/**
 * `agreementStatus` (src/domain/agreement.ts) as a SQL expression over `recipients`, for counting and filtering in
 * the database: same order of tests, same words. Columns are qualified so it also works inside joins and
 * correlated subqueries.
 */
export function agreementStatusSql(today: string): SQL<AgreementStatus> {
  return sql<AgreementStatus>`(CASE
    WHEN "recipients"."agreement_kind" IS NULL OR "recipients"."agreement_signed_on" IS NULL THEN 'missing'
    WHEN "recipients"."agreement_kind" <> (CASE WHEN "recipients"."support_mode" = 'institution' THEN 'three' ELSE 'four' END) THEN 'mismatch'
    WHEN "recipients"."agreement_ends_on" IS NOT NULL AND "recipients"."agreement_ends_on" <= ${today} THEN 'expired'
    ELSE 'ok' END)`;
}

/** The where-clause "the agreement is in this status today". */
export function agreementIs(status: AgreementStatus, today: string): SQL {
  return sql`${agreementStatusSql(today)} = ${status}`;
}
