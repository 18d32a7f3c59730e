import type { Db } from '../../db/client.js';
import type { Viewer } from '../../lib/context.js';
import type { MessageKey } from '../../lib/i18n/index.js';
import { can, scope } from './policy.js';
import { insertShift, shiftFormOptions } from './queries.js';
import type { NewShiftInput } from './schema.js';

export type CreateShiftResult =
  | { ok: true; id: number }
  | { ok: false; errors: Partial<Record<'organisationId' | 'townshipId', MessageKey>> };

/** A manager opens a shift: refused (nothing written) for an organisation or township outside their reach. */
export async function createShift(ctx: {
  db: Db;
  now: Date;
  actor: Viewer;
  input: NewShiftInput;
}): Promise<CreateShiftResult> {
  const { db, now, actor, input } = ctx;
  const options = await shiftFormOptions(db, scope(actor));
  const errors: Partial<Record<'organisationId' | 'townshipId', MessageKey>> = {};
  if (!options.organisations.some((o) => o.id === input.organisationId)) errors.organisationId = 'form.invalidChoice';
  if (!options.townships.some((o) => o.id === input.townshipId)) errors.townshipId = 'shifts.error.township';
  if (!can(actor, 'create', input)) errors.organisationId ??= 'form.invalidChoice';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, id: await insertShift({ db, input, now }) };
}
