import { z } from 'zod';
import { displayName, password, username } from '../../auth/schemas.js';
import { STAFF_ROLES } from '../../domain/vocabulary.js';
import { optionalId } from '../../lib/zod-fields.js';

/**
 * The admin's "new user" form: station staff need a township, coordinators an organisation. Volunteers and 守望之家
 * members get their logins from their register (activation codes), not from here.
 */
export const newUserForm = z
  .object({
    username,
    displayName,
    password,
    role: z.enum(STAFF_ROLES, { error: 'users.personRoleElsewhere' }),
    townshipId: optionalId,
    organisationId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.role === 'station_staff' && !v.townshipId)
      ctx.addIssue({ code: 'custom', path: ['townshipId'], message: 'users.townshipRequired' });
    if (v.role === 'org_coordinator' && !v.organisationId)
      ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'users.organisationRequired' });
  });

export type NewUserInput = z.infer<typeof newUserForm>;
