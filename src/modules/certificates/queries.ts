import { and, asc, desc, eq, like } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import * as s from '../../db/schema/index.js';
import { type Scope, scopeWhere } from '../../lib/scope.js';
import { servedLines, serviceRecord } from '../shifts/queries.js';

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

/**
 * Confirmed, attended service by every volunteer for the organisations inside a staff Scope (the county all, a
 * station its township's, a coordinator their own), login or not: what staff may issue certificates for.
 */
export function serviceInReach(db: Db, scope: Scope, p: { q?: string; volunteerId?: number; organisationId?: number }) {
  return servedLines(
    db,
    and(
      scopeWhere(scope, { township: s.organisations.townshipId, organisation: s.organisations.id }),
      p.q ? like(s.volunteers.name, `${p.q.replace(/[%_]/g, '')}%`) : undefined,
      p.volunteerId === undefined ? undefined : eq(s.volunteers.id, p.volunteerId),
      p.organisationId === undefined ? undefined : eq(s.organisations.id, p.organisationId),
    ),
  ).orderBy(asc(s.volunteers.name), asc(s.volunteers.id), asc(s.organisations.name));
}

/** Whether an organisation is inside a staff Scope (its township's station, its own coordinator, the county). */
export async function organisationInReach(db: Db, scope: Scope, organisationId: number) {
  const found = await db
    .select({ id: s.organisations.id })
    .from(s.organisations)
    .where(
      and(
        eq(s.organisations.id, organisationId),
        scopeWhere(scope, { township: s.organisations.townshipId, organisation: s.organisations.id }),
      ),
    )
    .get();
  return found !== undefined;
}
