import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import * as s from '../../db/schema/index.js';
import { WORK_KINDS } from '../../db/schema/index.js';
import { type Scope, scopeWhere } from '../../lib/scope.js';
import { timeOfDay } from '../../lib/zod-fields.js';

/** A station's default shift; the service-days job carries a change to future shifts nobody holds or edited. */
export const templateForm = z
  .object({
    title: z.string().trim().min(1, 'form.required').max(80, 'form.tooLong'),
    startTime: timeOfDay(),
    endTime: timeOfDay(),
    capacity: z.coerce
      .number({ message: 'form.invalidNumber' })
      .int('form.invalidNumber')
      .min(1, 'form.invalidNumber')
      .max(500, 'form.invalidNumber'),
    workKind: z.enum(WORK_KINDS, { message: 'form.invalidChoice' }),
  })
  .refine((v) => v.endTime > v.startTime, { path: ['endTime'], message: 'shifts.error.time' });

/** Templates inside a scope: those of a township's station. */
const templatesIn = (scope: Scope) => scopeWhere(scope, { township: s.organisations.townshipId });

export async function listTemplates(db: Db, scope: Scope) {
  return db
    .select({
      id: s.shiftTemplates.id,
      station: s.organisations.name,
      title: s.shiftTemplates.title,
      startTime: s.shiftTemplates.startTime,
      endTime: s.shiftTemplates.endTime,
      capacity: s.shiftTemplates.capacity,
      workKind: s.shiftTemplates.workKind,
    })
    .from(s.shiftTemplates)
    .innerJoin(s.organisations, eq(s.organisations.id, s.shiftTemplates.organisationId))
    .where(and(templatesIn(scope), eq(s.organisations.kind, 'station')))
    .orderBy(asc(s.organisations.name), asc(s.shiftTemplates.startTime));
}
export type TemplateRow = Awaited<ReturnType<typeof listTemplates>>[number];

/** Updates a template inside the viewer's scope; false when it is not theirs (→ 404) or the start time is taken. */
export async function updateTemplate(
  db: Db,
  scope: Scope,
  id: number,
  input: z.infer<typeof templateForm>,
  now: Date,
): Promise<'ok' | 'notFound' | 'taken'> {
  const [found] = await db
    .select({ id: s.shiftTemplates.id })
    .from(s.shiftTemplates)
    .innerJoin(s.organisations, eq(s.organisations.id, s.shiftTemplates.organisationId))
    .where(and(templatesIn(scope), eq(s.shiftTemplates.id, id)));
  if (!found) return 'notFound';
  try {
    await db
      .update(s.shiftTemplates)
      .set({ ...input, updatedAt: now })
      .where(eq(s.shiftTemplates.id, id));
    return 'ok';
  } catch (error) {
    if (isUniqueViolation(error)) return 'taken';
    throw error;
  }
}
