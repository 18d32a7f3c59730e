import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { type CertificateLine, certificates } from '../../db/schema/index.js';
import { formatSerial } from '../../domain/certificate.js';
import { businessDate } from '../../domain/dates.js';
import { auditInsert } from '../../lib/audit.js';
import type { Viewer } from '../../lib/context.js';
import type { Translate } from '../../lib/i18n/index.js';
import { randomToken } from '../../lib/tokens.js';
import { formatTenths, tenthsOfHour } from '../shifts/hours.js';
import { type IssuedCertificate, organisationContact, serviceLines } from './queries.js';

export type IssueResult = { ok: true; certificate: IssuedCertificate } | { ok: false; reason: 'no_service' };

/**
 * Issues the certificate of one organisation's recorded service to a volunteer, as of `issuedOn`: a snapshot of the
 * lines with a new serial, audited. Asking again on the same day for the same service answers the certificate already
 * issued (a reload or a second tap must not mint a second serial for the same paper).
 */
export async function issueCertificate(p: {
  db: Db;
  now: Date;
  t: Translate;
  volunteerId: number;
  volunteerName: string;
  organisationId: number;
  issuedOn: string;
  actorUserId: number;
}): Promise<IssueResult> {
  const { db, t } = p;
  const service = await serviceLines(db, p.volunteerId, p.organisationId);
  if (!service.length) return { ok: false, reason: 'no_service' };
  const tenths = service.map((r) => tenthsOfHour(r.minutes ?? 0));
  const lines: CertificateLine[] = service.map((r, i) => ({
    date: r.date,
    activity: `${r.title}（${t(`shifts.workKind.${r.workKind}`)}）`,
    hours: formatTenths(tenths[i]),
  }));
  const totalTenths = tenths.reduce((a, b) => a + b, 0);
  const same = await db
    .select()
    .from(certificates)
    .where(
      and(
        eq(certificates.volunteerId, p.volunteerId),
        eq(certificates.organisationId, p.organisationId),
        eq(certificates.issuedOn, p.issuedOn),
      ),
    )
    .all();
  const previous = same.find((c) => c.totalTenths === totalTenths && JSON.stringify(c.lines) === JSON.stringify(lines));
  if (previous) return { ok: true, certificate: previous };
  const org = await organisationContact(db, p.organisationId);
  const contact = [org?.contactName, org?.phone].filter(Boolean).join(' ') || null;
  for (let attempt = 0; ; attempt++) {
    const serial = formatSerial(p.issuedOn.slice(0, 4), randomToken(8).slice(0, 12));
    try {
      const [inserted] = await db.batch([
        db
          .insert(certificates)
          .values({
            serial,
            volunteerId: p.volunteerId,
            organisationId: p.organisationId,
            volunteerName: p.volunteerName,
            organisationName: org?.name ?? '',
            organisationContact: contact,
            issuedOn: p.issuedOn,
            firstDate: service[0].date,
            lastDate: service[service.length - 1].date,
            totalTenths,
            lines,
            issuedBy: p.actorUserId,
            createdAt: p.now,
          })
          .returning(),
        auditInsert(
          db,
          {
            actorUserId: p.actorUserId,
            action: 'issue',
            entity: 'certificate',
            entityId: serial,
            changes: { volunteerId: p.volunteerId, organisationId: p.organisationId, totalTenths },
          },
          p.now,
        ),
      ]);
      return { ok: true, certificate: inserted[0] };
    } catch (error) {
      // 60 random bits make a clash all but impossible; one retry covers it without looping on another fault.
      if (attempt === 0 && isUniqueViolation(error, 'certificates.serial')) continue;
      throw error;
    }
  }
}

/** A volunteer's own certificate for one organisation, as of today; an unreadable choice is refused as no service. */
export async function issueOwn(ctx: {
  db: Db;
  now: Date;
  t: Translate;
  actor: Viewer;
  volunteer: { id: number; name: string };
  organisationId: unknown;
}): Promise<IssueResult> {
  const { db, now, t, actor, volunteer } = ctx;
  const organisationId = Number(ctx.organisationId);
  if (!Number.isSafeInteger(organisationId)) return { ok: false, reason: 'no_service' };
  const issuedOn = businessDate(now);
  const who = { volunteerId: volunteer.id, volunteerName: volunteer.name, actorUserId: actor.id };
  return issueCertificate({ db, now, t, ...who, organisationId, issuedOn });
}
