import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import * as s from '../../db/schema/index.js';
import { type Scope, scopeWhere } from '../../lib/scope.js';
import { serviceRecord } from '../shifts/queries.js';

/** A volunteer's confirmed, attended service of one organisation (or of every one), oldest first. */
export const serviceLines = serviceRecord;

export type ServiceLine = Awaited<ReturnType<typeof serviceLines>>[number];

export function organisationContact(db: Db, organisationId: number) {
  return db
    .select({
      name: s.organisations.name,
      contactName: s.organisations.contactName,
      phone: s.organisations.contactPhone,
    })
    .from(s.organisations)
    .where(eq(s.organisations.id, organisationId))
    .get();
}

/** Certificates already issued to a volunteer, newest first. */
export function issuedTo(db: Db, volunteerId: number) {
  return db
    .select({
      serial: s.certificates.serial,
      organisationName: s.certificates.organisationName,
      issuedOn: s.certificates.issuedOn,
      totalTenths: s.certificates.totalTenths,
    })
    .from(s.certificates)
    .where(eq(s.certificates.volunteerId, volunteerId))
    .orderBy(desc(s.certificates.id));
}

/** Who may open a certificate in full: the volunteer it names, and staff whose Scope holds its organisation. */
export function certificatesIn(scope: Scope) {
  return scopeWhere(scope, {
    township: s.organisations.townshipId,
    organisation: s.certificates.organisationId,
    assigned: (volunteerId) => eq(s.certificates.volunteerId, volunteerId),
  });
}

export function findCertificate(db: Db, scope: Scope, serial: string) {
  return db
    .select({ certificate: s.certificates })
    .from(s.certificates)
    .innerJoin(s.organisations, eq(s.organisations.id, s.certificates.organisationId))
    .where(and(eq(s.certificates.serial, serial), certificatesIn(scope)))
    .get()
    .then((r) => r?.certificate);
}

/** The public check reads by serial alone. */
export function certificateBySerial(db: Db, serial: string) {
  return db.select().from(s.certificates).where(eq(s.certificates.serial, serial)).get();
}

export type IssuedCertificate = typeof s.certificates.$inferSelect;
