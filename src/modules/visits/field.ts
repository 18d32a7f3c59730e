import type { Db } from '../../db/client.js';
import { auditInsert } from '../../lib/audit.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { caregiverMobileOf } from './queries.js';

/**
 * The caregiver's full number for a tap-to-call, with its audit row: the reveal is recorded before the number is
 * answered, so no number leaves the server unaudited. Null when the household has no caregiver number.
 */
export async function revealCaregiverForCall(ctx: {
  db: Db;
  cipher: PersonalDataCipher;
  recipientId: number;
  actorUserId: number;
  now: Date;
  /** How the number was asked for, on the audit row: a volunteer's call unless said otherwise. */
  via?: { via: string; unitId?: number };
}): Promise<string | null> {
  const mobile = await caregiverMobileOf(ctx.db, ctx.cipher, ctx.recipientId);
  if (!mobile) return null;
  await auditInsert(
    ctx.db,
    {
      actorUserId: ctx.actorUserId,
      action: 'reveal',
      entity: 'recipient',
      entityId: ctx.recipientId,
      changes: { fields: ['caregiverMobile'], ...(ctx.via ?? { via: 'call' }) },
    },
    ctx.now,
  );
  return mobile;
}
