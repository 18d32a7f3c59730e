import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { townships } from '../../db/schema/index.js';

/** Townships for a filter or a form, in the county's order; only one when the viewer is bound to it. */
export function townshipChoices(db: Db, onlyId: number | null = null) {
  return db
    .select({ id: townships.id, name: townships.name })
    .from(townships)
    .where(onlyId ? eq(townships.id, onlyId) : undefined)
    .orderBy(asc(townships.id));
}
