import { z } from 'zod';
import { WORK_KINDS } from '../../db/schema/index.js';
import { isoDate, optionalId, optionalText, timeOfDay } from '../../lib/zod-fields.js';

/** A station's or an organisation's default shift on every service day (one form: add and edit). */
export const templateForm = z
  .object({
    organisationId: optionalId,
    title: z.string().trim().min(1, 'form.required').max(80, 'form.tooLong'),
    place: optionalText(120),
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
export type TemplateInput = Omit<z.infer<typeof templateForm>, 'organisationId'>;

/** The county moves a whole service day to another date, or cancels it; the reason goes into the notice. */
export const moveDayForm = z.object({ heldOn: isoDate, reason: optionalText(60) });
export const cancelDayForm = z.object({ reason: optionalText(60) });
