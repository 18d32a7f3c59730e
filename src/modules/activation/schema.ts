import { z } from 'zod';
import { password } from '../../auth/schemas.js';

/** The /activate form: who (mobile or username), the code from the slip or the SMS, and a new password. */
export const activateForm = z
  .object({
    login: z
      .string({ error: 'form.required' })
      .trim()
      .min(1, { error: 'form.required' })
      .max(64, { error: 'form.tooLong' }),
    code: z
      .string({ error: 'form.required' })
      .trim()
      .min(1, { error: 'form.required' })
      .max(40, { error: 'form.tooLong' }),
    password,
    passwordConfirm: z.string({ error: 'form.required' }),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], error: 'setup.passwordMismatch' });

export type ActivateInput = z.infer<typeof activateForm>;
