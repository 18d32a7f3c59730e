import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { recipients } from '../../db/schema/index.js';

/** The recipient columns the rule reads: the table's own, or an alias's in a correlated sub-select. */
export interface RecipientColumns {
  id: SQLWrapper;
  villageId: SQLWrapper;
  supportMode: SQLWrapper;
}
const TABLE: RecipientColumns = {
  id: recipients.id,
  villageId: recipients.villageId,
  supportMode: recipients.supportMode,
};

/**
 * The home-supported recipients a 守望之家 covers, as a where-clause on `recipients`: those assigned to it, and
 * those of its villages not assigned to any unit (an explicit assignment wins over the village rule).
 */
export function unitCovers(unitId: number | SQL, r: RecipientColumns = TABLE): SQL {
  return sql`(${r.supportMode} = 'home' AND (
    ${r.id} IN (SELECT h.recipient_id FROM care_unit_households h WHERE h.unit_id = ${unitId})
    OR (${r.villageId} IN (SELECT cv.village_id FROM care_unit_villages cv WHERE cv.unit_id = ${unitId})
      AND ${r.id} NOT IN (SELECT h2.recipient_id FROM care_unit_households h2))))`;
}
