import { z } from 'zod';
import { WORK_KINDS } from '../../db/schema/index.js';
import { timeOfDay } from '../../lib/zod-fields.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Far past any county's list at ten shifts a screen; bounds the statement's work. */
const MAX_PAGE = 100;
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** Filters of the volunteers' upcoming-shifts list. */
export const upcomingQuery = z.object({
  date: z.preprocess(blankToUndefined, z.string().regex(DATE).optional()).catch(undefined),
  skill: z.preprocess(blankToUndefined, z.string().trim().max(40).optional()).catch(undefined),
  /** Which screenful of the list (from 1); anything else reads as the first. */
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1),
});

/** What a shift is: where, when, how many, which skills; shared by the new and the edit forms. */
const shiftFields = {
  title: z.string().trim().min(1, 'form.required').max(80, 'form.tooLong'),
  place: z.string().trim().max(120).default(''),
  description: z.string().trim().max(500).default(''),
  date: z.string().regex(DATE, 'form.invalidDate'),
  startTime: timeOfDay(),
  endTime: timeOfDay(),
  capacity: z.coerce
    .number({ message: 'form.required' })
    .int('form.invalidNumber')
    .min(1, 'form.invalidNumber')
    .max(500, 'form.invalidNumber'),
  requiredSkills: z
    .string()
    .max(200)
    .default('')
    .transform((v) => [
      ...new Set(
        v
          .split(/[,，、]/)
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ]),
  workKind: z.enum(WORK_KINDS, { message: 'form.invalidChoice' }),
};
const endsAfterStart = [
  (v: { startTime: string; endTime: string }) => v.endTime > v.startTime,
  { path: ['endTime'], message: 'shifts.error.time' },
] as [(v: { startTime: string; endTime: string }) => boolean, { path: string[]; message: string }];

export const newShiftForm = z
  .object({
    ...shiftFields,
    organisationId: z.coerce.number({ message: 'form.required' }).int().positive('form.required'),
    townshipId: z.coerce.number({ message: 'form.required' }).int().positive('form.required'),
  })
  .refine(...endsAfterStart);
export type NewShiftInput = z.infer<typeof newShiftForm>;

/** The same fields without the owner: a shift's organisation and township do not change. */
export const editShiftForm = z.object(shiftFields).refine(...endsAfterStart);
export type EditShiftInput = z.infer<typeof editShiftForm>;

export const hoursForm = z.object({
  attended: z.preprocess((v) => v === 'on' || v === '1' || v === 'true', z.boolean()),
  minutes: z.coerce
    .number({ message: 'form.required' })
    .int('form.invalidNumber')
    .min(0, 'form.invalidNumber')
    .max(24 * 60, 'form.invalidNumber'),
});

export const moveForm = z.object({
  toShiftId: z.coerce.number({ message: 'form.required' }).int().positive('form.required'),
});

/** Staff put a registered volunteer on a shift; `waitlist` as in self sign-up (absent: refused when full). */
export const rosterAddForm = z.object({
  volunteerId: z.coerce.number({ message: 'form.required' }).int().positive('form.required'),
  waitlist: z.preprocess((v) => v === '1' || v === 'on', z.boolean()),
});

/** The roster page's volunteer search (name or mobile). */
export const rosterQuery = z.object({
  q: z.string().trim().max(40).catch('').default(''),
});
