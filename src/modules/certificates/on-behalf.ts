import type { Db } from '../../db/client.js';
import { businessDate } from '../../domain/dates.js';
import type { Viewer } from '../../lib/context.js';
import type { FormValues } from '../../lib/form.js';
import type { Translate } from '../../lib/i18n/index.js';
import { formatTenths, tenthsOfHour } from '../shifts/hours.js';
import { scope } from './policy.js';
import { organisationInReach, serviceInReach } from './queries.js';
import { issueCertificate } from './service.js';

/** Rows shown at most: the list is searched by name, not scrolled through a county. */
export const ISSUE_LIST_LIMIT = 200;

export interface IssueRow {
  volunteerId: number;
  volunteer: string;
  hasLogin: boolean;
  organisationId: number;
  organisation: string;
  services: number;
  hours: string;
}

/**
 * Staff's list of the certificates they may issue: each volunteer of their reach with confirmed hours, per
 * organisation, whether or not the volunteer has a login (many older volunteers have none).
 */
export async function issueForPage(p: { db: Db; actor: Viewer; q: string }) {
  const rows = new Map<string, IssueRow & { tenths: number }>();
  for (const l of await serviceInReach(p.db, scope(p.actor, null), { q: p.q })) {
    const k = `${l.volunteerId}:${l.organisationId}`;
    const row = rows.get(k) ?? {
      volunteerId: l.volunteerId,
      volunteer: l.volunteer,
      hasLogin: l.hasLogin !== null,
      organisationId: l.organisationId,
      organisation: l.organisation,
      services: 0,
      hours: '',
      tenths: 0,
    };
    row.services += 1;
    // Summed line by line, as the certificate rounds its lines.
    row.tenths += tenthsOfHour(l.minutes ?? 0);
    rows.set(k, row);
  }
  const all = [...rows.values()].map(({ tenths, ...r }) => ({ ...r, hours: formatTenths(tenths) }));
  return { q: p.q, rows: all.slice(0, ISSUE_LIST_LIMIT), more: all.length > ISSUE_LIST_LIMIT };
}

export type IssueForPageModel = Awaited<ReturnType<typeof issueForPage>>;

const id = (v: FormValues[string] | undefined) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : null);

/**
 * Issues a volunteer's certificate for one organisation on their behalf, under the same serial and same-day rules
 * as the volunteer's own (decision 0137); the issuing staff member is the audited actor. An organisation outside
 * reach is missing (404); one inside it without that volunteer's confirmed service is refused (no service).
 */
export async function issueOnBehalf(p: { db: Db; t: Translate; now: Date; actor: Viewer; values: FormValues }) {
  const volunteerId = id(p.values.volunteerId);
  const organisationId = id(p.values.organisationId);
  if (volunteerId === null || organisationId === null) return { kind: 'invalid' } as const;
  const reach = scope(p.actor, null);
  if (!(await organisationInReach(p.db, reach, organisationId))) return { kind: 'missing' } as const;
  const [served] = await serviceInReach(p.db, reach, { volunteerId, organisationId });
  if (!served) return { kind: 'no_service' } as const;
  const result = await issueCertificate({
    db: p.db,
    t: p.t,
    volunteerId,
    volunteerName: served.volunteer,
    organisationId,
    issuedOn: businessDate(p.now),
    actorUserId: p.actor.id,
    now: p.now,
  });
  return result.ok
    ? ({ kind: 'issued', serial: result.certificate.serial } as const)
    : ({ kind: 'no_service' } as const);
}
