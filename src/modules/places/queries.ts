import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { keptByCounter } from '../../db/data-versions.js';
import { townships, type villages } from '../../db/schema/index.js';

export type VillageRow = typeof villages.$inferSelect;

/** Townships for a filter or a form, in the county's order; only one when the viewer is bound to it. */
export function townshipChoices(db: Db, onlyId: number | null = null): Promise<{ id: number; name: string }[]> {
  return keptByCounter(db, 'places', `townships|${onlyId}`, async () =>
    db
      .select({ id: townships.id, name: townships.name })
      .from(townships)
      .where(onlyId ? eq(townships.id, onlyId) : undefined)
      .orderBy(asc(townships.id)),
  );
}
