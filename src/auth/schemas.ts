import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-phc.js';

export const password = z
  .string({ error: 'form.required' })
  .min(PASSWORD_MIN, { error: 'password.tooShort' })
  .max(PASSWORD_MAX, { error: 'password.tooLong' });

export const username = z
  .string({ error: 'form.required' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,32}$/, { error: 'username.invalid' });

export const displayName = z
  .string({ error: 'form.required' })
  .trim()
  .min(1, { error: 'form.required' })
  .max(50, { error: 'form.tooLong' });

export const loginForm = z.object({
  username: z
    .string({ error: 'form.required' })
    .trim()
    .min(1, { error: 'form.required' })
    .max(64, { error: 'form.tooLong' }),
  password: z
    .string({ error: 'form.required' })
    .min(1, { error: 'form.required' })
    .max(PASSWORD_MAX, { error: 'password.tooLong' }),
  next: z.string().max(500).optional(),
});

export const setupForm = z
  .object({
    setupToken: z.string({ error: 'form.required' }).trim().min(1, { error: 'form.required' }).max(200),
    displayName,
    username,
    password,
    passwordConfirm: z.string({ error: 'form.required' }),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], error: 'setup.passwordMismatch' });

export const changePasswordForm = z.object({
  currentPassword: z.string({ error: 'form.required' }).min(1, { error: 'form.required' }).max(PASSWORD_MAX),
  newPassword: password,
});

export const localeForm = z.object({ locale: z.enum(['zh', 'en']), back: z.string().max(500).optional() });
