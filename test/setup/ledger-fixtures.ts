import type { Db } from '../../src/db/client.js';
import {
  organisations,
  planAssignments,
  recipients,
  shifts,
  townships,
  visitPlans,
  volunteers,
} from '../../src/db/schema/index.js';
import type { PersonalDataCipher } from '../../src/lib/personal-data.js';
import { type LineInput, NO_LINE_DETAIL } from '../../src/modules/ledger/service.js';
import { storedMobile } from './mobiles.js';

const NOW = new Date('2026-01-01T00:00:00Z');

/** Registry rows the ledger tests need, inserted directly (the registry pages live in another module). */
export async function township(db: Db, name: string) {
  const [row] = await db.insert(townships).values({ name, createdAt: NOW }).returning();
  return row.id;
}

export async function organisation(
  db: Db,
  name: string,
  kind: 'social_org' | 'station' | 'nursing_home',
  townshipId: number | null,
) {
  const [row] = await db
    .insert(organisations)
    .values({ name, kind, townshipId, createdAt: NOW, updatedAt: NOW })
    .returning();
  return row.id;
}

let serial = 0;
/** A recipient with a valid-looking ID number (the checksum does not matter to the ledger). */
export async function recipient(
  db: Db,
  cipher: PersonalDataCipher,
  name: string,
  townshipId: number,
  supportMode: 'home' | 'institution' = 'home',
  idNumber?: string,
) {
  serial += 1;
  const id = idNumber ?? `430321195001${String(serial).padStart(4, '0')}12`;
  const [row] = await db
    .insert(recipients)
    .values({
      name,
      idNumberEnc: await cipher.encrypt(id),
      idNumberHash: cipher.lookupHash(id),
      idNumberMasked: `${id.slice(0, 6)}********${id.slice(-4)}`,
      keyVersion: cipher.keyVersion,
      gender: 'M',
      townshipId,
      supportMode,
      careLevel: 'self',
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning();
  return row.id;
}

export const cash = (fen: number): LineInput => ({
  kind: 'cash',
  amountFen: fen,
  ...NO_LINE_DETAIL,
});
export const goods = (name: string, fen: number, quantity = 1, unit = '袋'): LineInput => ({
  kind: 'goods',
  amountFen: fen,
  goodsName: name,
  quantity,
  unit,
  serviceKind: null,
  serviceCentihours: 0,
  volunteers: null,
});
export const service = (kind: string, centihours: number, volunteers = 1): LineInput => ({
  kind: 'service',
  amountFen: 0,
  goodsName: null,
  quantity: null,
  unit: null,
  serviceKind: kind,
  serviceCentihours: centihours,
  volunteers,
});

let planSerial = 0;
/**
 * Puts a household on a published visit plan of one of an organisation's shifts, as the plan pages would: from
 * then on the organisation serves it and its coordinator may pick it for an activity.
 */
export async function onOrganisationPlan(db: Db, organisationId: number, townshipId: number, recipientId: number) {
  planSerial++;
  const at = NOW;
  const [shift] = await db
    .insert(shifts)
    .values({
      organisationId,
      townshipId,
      title: '入户走访',
      date: '2026-01-24',
      startTime: '08:30',
      endTime: '12:00',
      startsAt: new Date('2026-01-24T00:30:00Z'),
      endsAt: new Date('2026-01-24T04:00:00Z'),
      capacity: 4,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  const [volunteer] = await db
    .insert(volunteers)
    .values({
      name: `计划志愿者${planSerial}`,
      ...(await storedMobile(`1390000${String(planSerial).padStart(4, '0')}`)),
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  const [plan] = await db
    .insert(visitPlans)
    .values({ shiftId: shift.id, status: 'published', publishedAt: at, createdAt: at, updatedAt: at })
    .returning();
  await db
    .insert(planAssignments)
    .values({ planId: plan.id, published: true, volunteerId: volunteer.id, recipientId, position: 1 });
}
