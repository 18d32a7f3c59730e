import type { Db } from '../../db/client.js';
import { nursingHomesDue } from '../../domain/coverage.js';
import { auditInsert } from '../../lib/audit.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { caregiverMobileOf } from '../visits/queries.js';
import { coverageMonths, townshipNursingHomes } from './coverage-queries.js';
import type { PlanShift } from './planner-input.js';
import { confirmedVolunteers, findPlan, planRows, volunteerNames } from './queries.js';

/**
 * The route sheets of a shift: the published lists (the working copy, flagged as a draft, before the first
 * publication), the volunteers holding households, and the nursing homes the day visits too.
 */
export async function routeSheets(db: Db, shift: PlanShift) {
  const plan = await findPlan(db, shift.id);
  if (!plan) return null;
  const draft = !plan.publishedAt;
  const [rows, confirmed, months, homes] = await Promise.all([
    planRows(db, plan.id, !draft),
    confirmedVolunteers(db, shift.id),
    coverageMonths(db, shift.townshipId),
    townshipNursingHomes(db, shift.townshipId),
  ]);
  const holders = [...new Set(rows.map((r) => r.volunteerId))];
  const known = new Set(confirmed.map((v) => v.id));
  const others = await volunteerNames(
    db,
    holders.filter((id) => !known.has(id)),
  );
  const volunteers = [...confirmed, ...others].filter((v) => holders.includes(v.id));
  return { plan, draft, rows, volunteers, nursingHomes: nursingHomesDue(homes, { date: shift.date, months }) };
}
export type RouteSheets = NonNullable<Awaited<ReturnType<typeof routeSheets>>>;

/**
 * One volunteer's sheet to print, with the caregivers' numbers in full (a volunteer without a phone calls from a
 * neighbour's); every number printed is a reveal, audited in one batch before the page is answered. Null when the
 * volunteer holds nothing on the plan.
 */
export async function printSheet(p: {
  db: Db;
  cipher: PersonalDataCipher;
  shift: PlanShift;
  volunteerId: number;
  actorUserId: number;
  now: Date;
}) {
  const sheets = await routeSheets(p.db, p.shift);
  const volunteer = sheets?.volunteers.find((v) => v.id === p.volunteerId);
  if (!sheets || !volunteer) return null;
  const rows = sheets.rows.filter((r) => r.volunteerId === p.volunteerId);
  const mobiles = new Map<number, string>();
  for (const r of rows) {
    const mobile = await caregiverMobileOf(p.db, p.cipher, r.recipientId);
    if (mobile) mobiles.set(r.recipientId, mobile);
  }
  const audits = [...mobiles.keys()].map((recipientId) =>
    auditInsert(
      p.db,
      {
        actorUserId: p.actorUserId,
        action: 'reveal',
        entity: 'recipient',
        entityId: recipientId,
        changes: { fields: ['caregiverMobile'], via: 'route_sheet', planId: sheets.plan.id, volunteerId: volunteer.id },
      },
      p.now,
    ),
  );
  if (audits.length) await p.db.batch(audits as [(typeof audits)[number], ...typeof audits]);
  return { ...sheets, rows, volunteers: [volunteer], mobiles };
}
