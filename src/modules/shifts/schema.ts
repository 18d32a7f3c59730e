import { z } from 'zod';
import { WORK_KINDS } from '../../db/schema/index.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** Filters of the volunteers' upcoming-shifts list. */
export const upcomingQuery = z.object({
  date: z.preprocess(blankToUndefined, z.string().regex(DATE).optional()).catch(undefined),
  skill: z.preprocess(blankToUndefined, z.string().trim().max(40).optional()).catch(undefined),
});

export const newShiftForm = z
  .object({
    title: z.string().trim().min(1, 'form.required').max(80, 'form.tooLong'),
    organisationId: z.coerce.number({ message: 'form.required' }).int().positive('form.required'),
    townshipId: z.coerce.number({ message: 'form.required' }).int().positive('form.required'),
    place: z.string().trim().max(120).default(''),
    description: z.string().trim().max(500).default(''),
    date: z.string().regex(DATE, 'form.invalidDate'),
    startTime: z.string().regex(TIME, 'form.invalidValue'),
    endTime: z.string().regex(TIME, 'form.invalidValue'),
    capacity: z.coerce.number({ message: 'form.required' }).int('form.invalidNumber').min(1, 'form.invalidNumber').max(500, 'form.invalidNumber'),
    requiredSkills: z.string().max(200).default('').transform((v) => [...new Set(v.split(/[,，、]/).map((x) => x.trim()).filter(Boolean))]),
    workKind: z.enum(WORK_KINDS, { message: 'form.invalidChoice' }),
  })
  .refine((v) => v.endTime > v.startTime, { path: ['endTime'], message: 'shifts.error.time' });
export type NewShiftInput = z.infer<typeof newShiftForm>;

export const hoursForm = z.object({
  attended: z.preprocess((v) => v === 'on' || v === '1' || v === 'true', z.boolean()),
  minutes: z.coerce.number({ message: 'form.required' }).int('form.invalidNumber').min(0, 'form.invalidNumber').max(24 * 60, 'form.invalidNumber'),
});

export const moveForm = z.object({ toShiftId: z.coerce.number({ message: 'form.required' }).int().positive('form.required') });
