import { THROTTLE_WINDOW_MS } from '../../auth/throttle.js';
import type { Db } from '../../db/client.js';
import { maskName, normaliseSerial } from '../../domain/certificate.js';
import type { Translate } from '../../lib/i18n/index.js';
import { WindowLimit } from '../../lib/window-limit.js';
import { formatTenths, tenthsOfHour } from '../shifts/hours.js';
import { certificateBody } from './docx.js';
import { qrSvg } from './qr.js';
import { certificateBySerial, type IssuedCertificate, issuedTo, serviceLines } from './queries.js';

/** The organisations a volunteer can have a certificate from (confirmed hours there), and those already issued. */
export async function choosePage(db: Db, volunteerId: number) {
  const byOrganisation = new Map<number, { id: number; name: string; tenths: number }>();
  for (const l of await serviceLines(db, volunteerId)) {
    const o = byOrganisation.get(l.organisationId) ?? { id: l.organisationId, name: l.organisation, tenths: 0 };
    o.tenths += tenthsOfHour(l.minutes ?? 0);
    byOrganisation.set(l.organisationId, o);
  }
  return {
    organisations: [...byOrganisation.values()].map((o) => ({ id: o.id, name: o.name, hours: formatTenths(o.tenths) })),
    issued: (await issuedTo(db, volunteerId)).map((c) => ({ ...c, hours: formatTenths(c.totalTenths) })),
  };
}

export function certificatePage(t: Translate, cert: IssuedCertificate, verifyUrl: string) {
  return {
    cert,
    body: certificateBody(t, cert),
    hours: formatTenths(cert.totalTenths),
    verifyUrl,
    qrSvg: qrSvg(verifyUrl),
  };
}

/** Checks per address in the login throttle's window: enough for an office checking a pile, too few to walk serials. */
export const VERIFY_CHECKS_PER_WINDOW = 30;

export type VerifyCheck =
  | {
      kind: 'found';
      found: {
        serial: string;
        name: string;
        organisation: string;
        hours: string;
        from: string;
        to: string;
        issuedOn: string;
      };
    }
  | { kind: 'missing'; serial: string }
  | { kind: 'throttled'; serial: string; retryAfter: number };

// One limiter per database (so each app, and each test's app, counts its own), in memory: a GET must not write.
const limits = new WeakMap<object, WindowLimit>();
const limitFor = (db: Db) => {
  const found = limits.get(db) ?? new WindowLimit(VERIFY_CHECKS_PER_WINDOW, THROTTLE_WINDOW_MS);
  limits.set(db, found);
  return found;
};

/** Every check counts against the address, found or not; the answer holds the masked name and nothing personal else. */
export async function verifyCheck(q: { db: Db; now: Date; serial: string; ip: string }): Promise<VerifyCheck> {
  const { db } = q;
  const taken = limitFor(db).take(q.ip, q.now);
  if (!taken.ok) return { kind: 'throttled', serial: q.serial, retryAfter: taken.retryAfter };
  const serial = normaliseSerial(q.serial);
  const cert = serial ? await certificateBySerial(db, serial) : undefined;
  if (!cert) return { kind: 'missing', serial: q.serial };
  return {
    kind: 'found',
    found: {
      serial: cert.serial,
      name: maskName(cert.volunteerName),
      organisation: cert.organisationName,
      hours: formatTenths(cert.totalTenths),
      from: cert.firstDate,
      to: cert.lastDate,
      issuedOn: cert.issuedOn,
    },
  };
}
