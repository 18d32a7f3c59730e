import { z } from 'zod';
import { VILLAGE_KINDS } from '../../domain/vocabulary.js';
import { choice, requiredText } from '../../lib/zod-fields.js';

const coordinate = (max: number) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      const v = (s ?? '').trim();
      if (v === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n) || Math.abs(n) > max) {
        ctx.addIssue({ code: 'custom', message: 'places.error.coordinate' });
        return z.NEVER;
      }
      return n;
    });

export const townshipForm = z.object({ name: requiredText(30) });
export const villageForm = z.object({
  townshipId: z.coerce.number({ error: 'form.required' }).int().positive({ error: 'form.required' }),
  name: requiredText(30),
  kind: choice(VILLAGE_KINDS),
  lat: coordinate(90),
  lng: coordinate(180),
});
export type VillageInput = z.infer<typeof villageForm>;
